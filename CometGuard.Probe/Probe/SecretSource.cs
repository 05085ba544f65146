using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;

namespace CometGuard.Probe
{
    /// <summary>
    /// Where the probe reads the gateway key from. There is deliberately no way to pass the key as a
    /// string: it comes from the environment, configuration (user secrets, Key Vault...) or a delegate,
    /// is read once per run, and is never stored in the report.
    /// </summary>
    public abstract class SecretSource
    {
        private protected SecretSource(string description)
        {
            Description = description;
        }

        /// <summary>Where the secret comes from (never the secret): e.g. <c>environment variable COMETAPI_API_KEY</c>.</summary>
        public string Description { get; }

        /// <summary>Reads the key from an environment variable such as <c>COMETAPI_API_KEY</c>.</summary>
        /// <param name="variableName">The variable's name.</param>
        /// <returns>The source.</returns>
        public static SecretSource Environment(string variableName)
        {
            if (string.IsNullOrWhiteSpace(variableName))
            {
                throw new ArgumentException("The environment variable name is empty.", nameof(variableName));
            }

            return new EnvironmentSecretSource(variableName);
        }

        /// <summary>Reads the key from configuration (user secrets, environment, Key Vault provider...).</summary>
        /// <param name="configuration">The configuration root or section.</param>
        /// <param name="key">The configuration key, e.g. <c>CometApi:ApiKey</c>.</param>
        /// <returns>The source.</returns>
        public static SecretSource FromConfiguration(IConfiguration configuration, string key)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("The configuration key is empty.", nameof(key));
            }

            return new ConfigurationSecretSource(configuration, key);
        }

        /// <summary>
        /// Reads the key from a delegate (a vault client, a credential store). It is called by
        /// <see cref="SmokeProbeOptions.Validate"/> and once per run.
        /// </summary>
        /// <param name="resolve">Returns the key, or null when it is not available.</param>
        /// <param name="description">Where the delegate reads from, for messages; never the key.</param>
        /// <returns>The source.</returns>
        public static SecretSource FromDelegate(Func<string?> resolve, string description = "delegate")
        {
            if (resolve is null)
            {
                throw new ArgumentNullException(nameof(resolve));
            }

            return new DelegateSecretSource(_ => new ValueTask<string?>(resolve()), description, isAsync: false);
        }

        /// <summary>
        /// Reads the key from an asynchronous delegate (a vault client, a credential store). It is
        /// called once per run, before any request; validation does not call it.
        /// </summary>
        /// <param name="resolve">Returns the key, or null when it is not available.</param>
        /// <param name="description">Where the delegate reads from, for messages; never the key.</param>
        /// <returns>The source.</returns>
        public static SecretSource FromDelegate(Func<CancellationToken, ValueTask<string?>> resolve, string description = "delegate")
        {
            if (resolve is null)
            {
                throw new ArgumentNullException(nameof(resolve));
            }

            return new DelegateSecretSource(resolve, description, isAsync: true);
        }

        /// <summary>Returns <see cref="Description"/>; never the secret.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => Description;

        /// <summary>Whether validation can check the source synchronously without side effects.</summary>
        internal virtual bool CanCheckUpFront => true;

        /// <summary>The key, or null/blank when the source has none.</summary>
        internal abstract ValueTask<string?> ResolveAsync(CancellationToken cancellationToken);

        /// <summary>The validation message used when the source has no value.</summary>
        internal abstract string MissingMessage { get; }

        private sealed class EnvironmentSecretSource : SecretSource
        {
            private readonly string _name;

            public EnvironmentSecretSource(string name)
                : base("environment variable " + name)
            {
                _name = name;
            }

            internal override string MissingMessage => "ApiKey: environment variable '" + _name + "' is not set or is empty. Export it from your secret store before running the probe.";

            internal override ValueTask<string?> ResolveAsync(CancellationToken cancellationToken)
                => new ValueTask<string?>(System.Environment.GetEnvironmentVariable(_name));
        }

        private sealed class ConfigurationSecretSource : SecretSource
        {
            private readonly IConfiguration _configuration;
            private readonly string _key;

            public ConfigurationSecretSource(IConfiguration configuration, string key)
                : base("configuration key " + key)
            {
                _configuration = configuration;
                _key = key;
            }

            internal override string MissingMessage => "ApiKey: configuration key '" + _key + "' has no value.";

            internal override ValueTask<string?> ResolveAsync(CancellationToken cancellationToken)
                => new ValueTask<string?>(_configuration[_key]);
        }

        private sealed class DelegateSecretSource : SecretSource
        {
            private readonly Func<CancellationToken, ValueTask<string?>> _resolve;
            private readonly bool _isAsync;

            public DelegateSecretSource(Func<CancellationToken, ValueTask<string?>> resolve, string description, bool isAsync)
                : base(string.IsNullOrWhiteSpace(description) ? "delegate" : description)
            {
                _resolve = resolve;
                _isAsync = isAsync;
            }

            internal override bool CanCheckUpFront => !_isAsync;

            internal override string MissingMessage => "ApiKey: the secret source '" + Description + "' returned no value.";

            internal override ValueTask<string?> ResolveAsync(CancellationToken cancellationToken) => _resolve(cancellationToken);
        }
    }
}
