using System.Collections.Generic;
using System.Text;

namespace CometGuard.Bench
{
    /// <summary>A line-counting writer that records the line span of every planted problem.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();
        private readonly List<Plant> _plants = new();
        private readonly string _path;
        private int _indent;
        private Plant? _open;

        public CodeWriter(string path)
        {
            _path = path;
        }

        /// <summary>The 1-based number of the next line written.</summary>
        public int NextLine { get; private set; } = 1;

        public IReadOnlyList<Plant> Plants => _plants;

        public CodeWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(text).Append('\n');
            NextLine++;
            return this;
        }

        public CodeWriter Open(string text)
        {
            if (text.Length > 0)
            {
                Line(text);
            }

            Line("{");
            _indent++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
            return this;
        }

        /// <summary>Starts a planted problem of rule <paramref name="id"/>; <paramref name="also"/> lists rules that may rightly report it too.</summary>
        public CodeWriter BeginPlant(string id, string what, params string[] also)
        {
            _open = new Plant(id, _path, NextLine, NextLine, what, also);
            Line("// planted: " + id + " (" + what + ")");
            return this;
        }

        public CodeWriter EndPlant()
        {
            if (_open is not null)
            {
                _plants.Add(_open with { EndLine = NextLine - 1 });
                _open = null;
            }

            return this;
        }

        public override string ToString() => _text.ToString();
    }

    /// <summary>One planted problem: the rule that must report it, and where.</summary>
    public sealed record Plant(string Id, string File, int StartLine, int EndLine, string What, string[] Also);
}
