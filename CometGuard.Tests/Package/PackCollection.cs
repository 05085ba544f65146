namespace CometGuard.Tests.Package
{
    /// <summary>
    /// Tests that run <c>dotnet pack</c>: one at a time, because each builds CometGuard.Probe in Release into the
    /// same output folder.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class PackCollection
    {
        public const string Name = "dotnet pack";
    }
}
