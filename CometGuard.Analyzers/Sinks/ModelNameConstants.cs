namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// Reads of an SDK's model-name constants (<see cref="SinkCatalogue.ModelNameConstantTypes"/>), as in Betalgo's
    /// <c>Models.Gpt_4o</c>: a static property of one of those classes names a model fixed in source.
    /// </summary>
    internal sealed class ModelNameConstants
    {
        private readonly KnownSymbols _known;

        public ModelNameConstants(KnownSymbols known) => _known = known;

        /// <summary>The constant <paramref name="value"/> reads, or null.</summary>
        public IPropertyReferenceOperation? Find(IOperation value)
        {
            if (value.Unwrap() is not IPropertyReferenceOperation { Instance: null, Property: { IsStatic: true } property } reference)
            {
                return null;
            }

            foreach (var name in SinkCatalogue.ModelNameConstantTypes)
            {
                if (_known.Type(name) is { } type && SymbolEqualityComparer.Default.Equals(property.ContainingType, type))
                {
                    return reference;
                }
            }

            return null;
        }
    }
}
