package io.ripple.engine;

/**
 * An id held as one byte per character in an array, as it arrives on the wire. The engine packs such an id eight
 * bytes at a time instead of a character at a time through {@link #charAt(int)}; the answers are the same either
 * way.
 */
public interface AsciiBytes extends CharSequence
{
    /**
     * The bytes of the id: the first {@link #length()} of them, one per character. The array may be longer and may
     * be reused for the next id once the call that took this one returns.
     *
     * @return the array holding the id from index 0.
     */
    byte[] bytes();
}
