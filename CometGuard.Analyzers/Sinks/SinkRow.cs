namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// One row of the sink catalogue: a parameter (of a constructor or method) or a property that
    /// receives a value of <see cref="Kind"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="Member"/> is <c>.ctor</c> for constructors, <c>*</c> for every method of the type
    /// (extension classes with many overloads), or a member name. <see cref="Parameter"/> is a
    /// parameter name, <c>*</c> for every parameter, or null for a member row: a property, or a
    /// method whose result is the value (sources such as <c>GetOutputText()</c>). When <see cref="WhenArgument"/> is set, the sink only applies when that
    /// argument of the same call is the constant <see cref="WhenValue"/> (case-insensitive), as in
    /// <c>Headers.Add("Authorization", value)</c>. <see cref="Parameter"/> <c>this</c> (<see cref="Self"/>)
    /// makes the method itself the sink, as in <c>HttpContent.ReadAsStringAsync()</c>.
    /// </remarks>
    public sealed class SinkRow
    {
        public const string Constructor = ".ctor";
        public const string AnyMethod = "*";
        public const string Self = "this";
        public const string AnyParameter = "*";

        public SinkRow(string typeMetadataName, string member, string? parameter, SinkKind kind, string? whenArgument = null, string? whenValue = null)
        {
            TypeMetadataName = typeMetadataName;
            Member = member;
            Parameter = parameter;
            Kind = kind;
            WhenArgument = whenArgument;
            WhenValue = whenValue;
        }

        public string TypeMetadataName { get; }

        public string Member { get; }

        public string? Parameter { get; }

        public SinkKind Kind { get; }

        public string? WhenArgument { get; }

        public string? WhenValue { get; }

        public bool IsProperty => Parameter is null;

        public bool IsMethod => Parameter == Self;
    }
}
