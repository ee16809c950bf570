package io.ripple.gateway.ingress;

/**
 * The shape of one client request in schema version 1, as the ingress validator walks it: the root block length,
 * the repeating groups in schema order, then the var data fields in schema order. Each var data field is described
 * by the size of its length prefix in bytes (1 for uint8, 2 for uint16).
 */
final class MessageLayout
{
    final int templateId;
    final String name;
    final int rootBlockLength;
    final GroupLayout[] groups;
    final int[] varLengthPrefixSizes;

    MessageLayout(
        final int templateId,
        final String name,
        final int rootBlockLength,
        final GroupLayout[] groups,
        final int... varLengthPrefixSizes)
    {
        this.templateId = templateId;
        this.name = name;
        this.rootBlockLength = rootBlockLength;
        this.groups = groups;
        this.varLengthPrefixSizes = varLengthPrefixSizes;
    }

    /**
     * One repeating group: the entry block length of version 1, its var data fields, the largest count this server
     * accepts and the error code for a count above it.
     */
    static final class GroupLayout
    {
        final String name;
        final int entryBlockLength;
        final int maxCount;
        final int countErrorCode;
        final int[] varLengthPrefixSizes;

        GroupLayout(
            final String name,
            final int entryBlockLength,
            final int maxCount,
            final int countErrorCode,
            final int... varLengthPrefixSizes)
        {
            this.name = name;
            this.entryBlockLength = entryBlockLength;
            this.maxCount = maxCount;
            this.countErrorCode = countErrorCode;
            this.varLengthPrefixSizes = varLengthPrefixSizes;
        }
    }
}
