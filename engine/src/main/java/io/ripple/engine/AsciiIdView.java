package io.ripple.engine;

/**
 * Reusable {@link CharSequence} over ASCII bytes in an array, so ids can be handed out without creating Strings.
 * <p>
 * A view is owned by the object that returns it and is rewritten when that object is next updated; call
 * {@link #toString()} to keep a copy.
 */
final class AsciiIdView implements CharSequence
{
    private byte[] bytes;
    private int offset;
    private int length;

    AsciiIdView wrap(final byte[] bytes, final int offset, final int length)
    {
        this.bytes = bytes;
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

        return (char) bytes[offset + index];
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
            chars[i] = (char) bytes[offset + i];
        }

        return new String(chars);
    }
}
