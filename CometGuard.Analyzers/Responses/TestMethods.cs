namespace CometGuard.Analyzers.Responses
{
    /// <summary>
    /// Test methods (xunit, NUnit, MSTest, TUnit, and attributes derived from theirs): a read that throws inside a test
    /// fails the test, which is what the test wants.
    /// </summary>
    internal sealed class TestMethods
    {
        private readonly ImmutableArray<INamedTypeSymbol> _attributes;

        public TestMethods(KnownSymbols known)
        {
            var attributes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var type in KnownSymbols.TestMethodAttributes)
            {
                if (known[type] is { } attribute)
                {
                    attributes.Add(attribute);
                }
            }

            _attributes = attributes.ToImmutable();
        }

        public bool Contains(ISymbol? symbol)
        {
            if (_attributes.IsEmpty || symbol is not IMethodSymbol method)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                foreach (var test in _attributes)
                {
                    if (TypeLookup.DerivesFrom(attribute.AttributeClass, test))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
