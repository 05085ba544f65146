namespace CometGuard.Analyzers.Sinks
{
    /// <summary>Sets of <see cref="SinkKind"/> as bits, for checks on every call.</summary>
    public static class SinkKinds
    {
        public static ulong Of(SinkKind kind) => 1UL << (int)kind;

        public static ulong Of(SinkKind first, SinkKind second) => Of(first) | Of(second);

        public static ulong Of(SinkKind first, SinkKind second, SinkKind third) => Of(first) | Of(second) | Of(third);

        public static ulong Of(SinkKind first, SinkKind second, SinkKind third, SinkKind fourth) => Of(first, second, third) | Of(fourth);
    }
}
