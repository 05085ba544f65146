using System;
using Xunit;

namespace Samples.ProbeTests
{
    /// <summary>
    /// A test that talks to the real gateway: it runs only when the operator has supplied a key and a
    /// model through the environment, and is reported as skipped (with the reason) otherwise.
    /// </summary>
    public sealed class LiveFactAttribute : FactAttribute
    {
        public const string KeyVariable = "COMETAPI_API_KEY";
        public const string ModelVariable = "COMETAPI_MODEL";

        public LiveFactAttribute()
        {
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KeyVariable))
                || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModelVariable)))
            {
                Skip = $"Live CometAPI smoke test skipped: set {KeyVariable} and {ModelVariable} to run it.";
            }
        }
    }
}
