using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using CometGuard.Probe;
using Microsoft.Extensions.Configuration;

namespace CometGuard.Tests.Probe
{
    /// <summary>Options validation, defaults and secret sources; nothing is sent for invalid options.</summary>
    public sealed class SmokeProbeOptionsTests
    {
        [Fact]
        public void Defaults_point_at_cometapi_with_no_family_and_no_retry()
        {
            var options = new SmokeProbeOptions();

            Assert.Equal(new Uri("https://api.cometapi.com/v1/"), options.BaseAddress);
            Assert.Equal(EndpointFamily.Unspecified, options.EndpointFamily);
            Assert.False(options.EnableSingleRetry);
            Assert.False(options.RequireExactModelMatch);
            Assert.Equal(CurrentRoute.Standby, options.CurrentRoute);
            Assert.Equal(64 * 1024, SmokeProbeOptions.MaxBodyBytes);
        }

        [Fact]
        public void Empty_options_list_every_problem_with_a_clear_message()
        {
            var ex = Assert.Throws<SmokeProbeOptionsException>(() => new SmokeProbeOptions().Validate());

            Assert.Contains(ex.Problems, p => p.StartsWith("EndpointFamily is not set", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.StartsWith("Model is not set", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.StartsWith("ApiKey is not set", StringComparison.Ordinal));
            Assert.All(ex.Problems, p => Assert.Contains(p, ex.Message, StringComparison.Ordinal));
        }

        [Fact]
        public void Missing_key_variable_is_named()
        {
            var name = "COMETGUARD_TEST_UNSET_" + Guid.NewGuid().ToString("N");
            var options = Valid();
            options.ApiKey = SecretSource.Environment(name);

            var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);

            Assert.Equal("ApiKey: environment variable '" + name + "' is not set or is empty. Export it from your secret store before running the probe.", Assert.Single(ex.Problems));
        }

        [Fact]
        public void Relative_base_address_is_rejected()
        {
            var options = Valid();
            options.BaseAddress = new Uri("v1/", UriKind.Relative);

            var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);

            Assert.StartsWith("BaseAddress must be absolute", Assert.Single(ex.Problems), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("ftp://gateway.example/v1/", "BaseAddress must use http or https.")]
        [InlineData("https://user:pw@gateway.example/v1/", "BaseAddress must not carry user info: credentials come only from ApiKey.")]
        [InlineData("https://gateway.example/v1/?key=1", "BaseAddress must not have a query or fragment.")]
        public void Unsafe_base_addresses_are_rejected(string address, string message)
        {
            var options = Valid();
            options.BaseAddress = new Uri(address);

            var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);

            Assert.Equal(message, Assert.Single(ex.Problems));
        }

        [Fact]
        public void Model_that_looks_like_a_key_is_rejected_without_echoing_it()
        {
            var options = Valid();
            options.Model = Verifiers.TestKeys.OpenAiProject;

            var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);

            Assert.Equal("Model looks like an API key; pass the model id, and the key through ApiKey.", Assert.Single(ex.Problems));
            Assert.DoesNotContain(Verifiers.TestKeys.OpenAiProject, ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("choices[0].message.content", true)]
        [InlineData("output[0].content[0].text", true)]
        [InlineData("usage.total_tokens", true)]
        [InlineData("id", true)]
        [InlineData("choices[0]..content", false)]
        [InlineData("[0].id", false)]
        [InlineData("usage.", false)]
        [InlineData("choices[x]", false)]
        public void Application_read_paths_are_checked(string path, bool valid)
        {
            var options = Valid();
            options.ApplicationReads.Add(path);

            if (valid)
            {
                options.Validate();
            }
            else
            {
                var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);
                Assert.Contains("is not a path", Assert.Single(ex.Problems), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Timeouts_and_caps_are_checked()
        {
            var options = Valid();
            options.AttemptTimeout = TimeSpan.Zero;
            options.OverallDeadline = System.Threading.Timeout.InfiniteTimeSpan;
            options.RetryAfterCap = TimeSpan.FromSeconds(-1);
            options.MaxOutputTokens = 1;

            var ex = Assert.Throws<SmokeProbeOptionsException>(options.Validate);

            Assert.Equal(4, ex.Problems.Count);
        }

        [Fact]
        public async Task Invalid_options_throw_before_any_request()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.Model = " ";
            using var client = ProbeTestKit.Client();

            await Assert.ThrowsAsync<SmokeProbeOptionsException>(() => SmokeProbe.RunAsync(options, client));

            Assert.Equal(0, gateway.RequestCount);
        }

        [Fact]
        public async Task Key_from_environment_and_configuration_reaches_the_authorization_header_only()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var name = "COMETGUARD_TEST_KEY_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(name, ProbeTestKit.FakeKey);
            try
            {
                var fromEnvironment = ProbeTestKit.Options(gateway.BaseAddress);
                fromEnvironment.ApiKey = SecretSource.Environment(name);
                var (report, _) = await ProbeTestKit.RunAsync(fromEnvironment);
                Assert.Equal(FallbackDecision.RouteCanary, report.FallbackDecision);
            }
            finally
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["CometApi:ApiKey"] = ProbeTestKit.FakeKey })
                .Build();
            var fromConfiguration = ProbeTestKit.Options(gateway.BaseAddress);
            fromConfiguration.ApiKey = SecretSource.FromConfiguration(configuration, "CometApi:ApiKey");
            var (configured, _) = await ProbeTestKit.RunAsync(fromConfiguration);

            Assert.Equal(FallbackDecision.RouteCanary, configured.FallbackDecision);
            Assert.All(gateway.Requests, r => Assert.Equal("Bearer " + ProbeTestKit.FakeKey, r.Authorization));
            Assert.Equal("configuration key CometApi:ApiKey", fromConfiguration.ApiKey.ToString());
        }

        [Fact]
        public async Task Async_delegate_returning_nothing_fails_before_any_request()
        {
            await using var gateway = await ScriptedGateway.StartAsync(Reply.Json(200, ProbeTestKit.ChatCompletion), Reply.Json(400, ProbeTestKit.OpenAiError));
            var options = ProbeTestKit.Options(gateway.BaseAddress);
            options.ApiKey = SecretSource.FromDelegate(_ => new ValueTask<string?>((string?)null), "vault");
            using var client = ProbeTestKit.Client();

            var ex = await Assert.ThrowsAsync<SmokeProbeOptionsException>(() => SmokeProbe.RunAsync(options, client));

            Assert.Equal("ApiKey: the secret source 'vault' returned no value.", Assert.Single(ex.Problems));
            Assert.Equal(0, gateway.RequestCount);
        }

        [Fact]
        public void Options_take_the_key_only_as_a_secret_source()
        {
            Assert.Equal(typeof(SecretSource), typeof(SmokeProbeOptions).GetProperty(nameof(SmokeProbeOptions.ApiKey))!.PropertyType);
            Assert.DoesNotContain(
                typeof(SmokeProbeOptions).GetProperties().Where(p => p.PropertyType == typeof(string)),
                p => p.Name.Contains("Key", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase));
            Assert.Empty(typeof(SecretSource).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        }

        private static SmokeProbeOptions Valid() => new()
        {
            EndpointFamily = EndpointFamily.ChatCompletions,
            Model = "gpt-5.4",
            ApiKey = SecretSource.FromDelegate(() => ProbeTestKit.FakeKey),
        };
    }
}
