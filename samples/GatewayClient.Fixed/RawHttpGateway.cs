using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace Samples.Gateway
{
    /// <summary>The fixed twin of samples/GatewayClient/RawHttpGateway.cs.</summary>
    public sealed class RawHttpGateway
    {
        private const int MaxAttempts = 3;
        private readonly HttpClient _http;
        private readonly string _model;

        public RawHttpGateway(HttpClient http, string model)
        {
            _http = http;
            _model = model;
            _http.BaseAddress = new Uri("https://api.cometapi.com/v1/");
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? throw new InvalidOperationException("Set the COMETAPI_API_KEY environment variable."));
        }

        public async Task<string?> AskAsync(string question)
        {
            var body = new
            {
                model = _model,
                messages = new[] { new { role = "user", content = question } },
                max_tokens = 256,
            };

            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    using var response = await _http.PostAsJsonAsync("chat/completions", body);
                    response.EnsureSuccessStatusCode();
                    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (document.RootElement.TryGetProperty("choices", out var choices)
                        && choices.GetArrayLength() > 0
                        && choices[0].TryGetProperty("message", out var message)
                        && message.TryGetProperty("content", out var content))
                    {
                        return content.GetString();
                    }

                    return null;
                }
                catch (HttpRequestException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt) + Random.Shared.Next(100)));
                }
            }

            return null;
        }

        public async Task<JsonElement?> RespondAsync(string question)
        {
            using var response = await _http.PostAsJsonAsync("responses", new { model = _model, input = question, max_output_tokens = 256 });
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
