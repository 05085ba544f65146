using System;
using System.ClientModel;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Samples.Gateway
{
    /// <summary>The fixed twin of samples/GatewayClient/ChatService.cs.</summary>
    public sealed class ChatService
    {
        private readonly ChatClient _chat;
        private readonly ILogger<ChatService> _logger;

        public ChatService(IConfiguration configuration, ILogger<ChatService> logger)
        {
            _logger = logger;
            _chat = new ChatClient(
                configuration["CometApi:Model"] ?? throw new InvalidOperationException("Set CometApi:Model from the current model list."),
                new ApiKeyCredential(Environment.GetEnvironmentVariable("COMETAPI_API_KEY") ?? throw new InvalidOperationException("Set the COMETAPI_API_KEY environment variable.")),
                new OpenAIClientOptions { Endpoint = new Uri("https://api.cometapi.com/v1/") });
        }

        public async Task<string?> SummariseAsync(string text)
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Summarise: " + text));
            if (completion.FinishReason != ChatFinishReason.Stop || completion.Content.Count == 0)
            {
                _logger.LogWarning("Gateway answer {CompletionId} ended with {FinishReason}", completion.Id, completion.FinishReason);
                return null;
            }

            _logger.LogInformation("Gateway answered {CompletionId} using {TotalTokens} tokens", completion.Id, completion.Usage?.TotalTokenCount);
            return completion.Content.FirstOrDefault()?.Text;
        }
    }
}
