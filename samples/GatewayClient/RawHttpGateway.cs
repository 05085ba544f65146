using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace Samples.Gateway
{
    /// <summary>The same call without an SDK: raw HttpClient, hand-written JSON and a hand-written retry loop.</summary>
    public sealed class RawHttpGateway
    {
        private readonly HttpClient _http;

        public RawHttpGateway(HttpClient http)
        {
            _http = http;
            _http.BaseAddress = new Uri("http://gateway.internal.example.com/v1/");
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cg7Qm2Vx9Lp4Rt8Wz1Ny6Hb3Kd5Jf0Sa");
        }

        public async Task<string?> AskAsync(string question)
        {
            var body = new
            {
                model = "gpt-4o-mini",
                messages = new[] { new { role = "user", content = question } },
                max_tokens = 256,
            };

            while (true)
            {
                try
                {
                    var response = await _http.PostAsJsonAsync("chat/completions", body);
                    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    return document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
        }

        public async Task<JsonElement> RespondAsync(string question)
        {
            // A Responses-style body sent to the Chat Completions path.
            var response = await _http.PostAsJsonAsync("chat/completions", new { model = "gpt-4o-mini", input = question, max_output_tokens = 256 });
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
