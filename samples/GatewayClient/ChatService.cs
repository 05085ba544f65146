using System;
using System.ClientModel;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Samples.Gateway
{
    /// <summary>A typical first draft of a CometAPI client through the OpenAI SDK — every mistake the runbook warns about.</summary>
    public sealed class ChatService
    {
        private readonly ChatClient _chat;
        private readonly ILogger<ChatService> _logger;

        public ChatService(ILogger<ChatService> logger)
        {
            _logger = logger;
            _chat = new ChatClient(
                "gpt-4o-mini",
                new ApiKeyCredential("cg7Qm2Vx9Lp4Rt8Wz1Ny6Hb3Kd5Jf0Sa"),
                new OpenAIClientOptions { Endpoint = new Uri("https://api.cometapi.com/v1/") });
        }

        public async Task<string> SummariseAsync(string text)
        {
            ChatCompletion completion = await _chat.CompleteChatAsync(new UserChatMessage("Summarise: " + text));
            var summary = completion.Content[0].Text;
            _logger.LogInformation("Gateway answered {Summary}", summary);
            return summary;
        }
    }
}
