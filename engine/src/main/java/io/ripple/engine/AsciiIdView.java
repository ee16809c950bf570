package io.ripple.engine;

/**
 * Reusable {@link CharSequence} over an id packed into longs by {@link AsciiIdIndex}, so ids can be handed out
 * without creating Strings.
 * <p>
 * A view is owned by the object that returns it and is rewritten when that object is next updated; call
 * {@link #toString()} to keep a copy.
 */
final class AsciiIdView implements CharSequence
{
    private long[] words;
    private int offset;
    private int length;

    AsciiIdView wrap(final long[] words, final int offset, final int length)
    {
        this.words = words;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public int length()
    {
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index=" + index + " length=" + length);
        }

        return AsciiIdIndex.charAt(words, offset, index);
    }

    /**
     * {@inheritDoc}
     */
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    /**
     * Copy the characters into a new String.
     *
     * @return the id as a String.
     */
    public String toString()
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = AsciiIdIndex.charAt(words, offset, i);
        }

        return new String(chars);
    }
}
