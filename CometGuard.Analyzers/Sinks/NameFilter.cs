
namespace CometGuard.Analyzers.Sinks
{
    /// <summary>
    /// The member names that can lead to some sink kinds, as 256 bits a rule keeps inline in its own object: the
    /// every-call "can this call matter?" test reads the call's name and the rule's object, where a dictionary
    /// lookup touches several cache lines on every call. It may let a name through
    /// that leads nowhere, which the catalogue then turns away; it never turns away a name that leads somewhere.
    /// </summary>
    public readonly struct NameFilter
    {
        // A constructor is filtered by its type's name, hashed apart from member names of the same spelling.
        private const uint ConstructorSalt = 0x5BD1E995;

        private readonly ulong _bits0;
        private readonly ulong _bits1;
        private readonly ulong _bits2;
        private readonly ulong _bits3;

        // Set when a marker attribute can make any member a sink ([ModelId], [ApiKey]): every name passes.
        private readonly bool _all;

        // Set when [LoggerMessage] is referenced: an ordinary partial method passes whatever its name.
        private readonly bool _loggerMessages;

        private NameFilter(ulong bits0, ulong bits1, ulong bits2, ulong bits3, bool all, bool loggerMessages)
        {
            _bits0 = bits0;
            _bits1 = bits1;
            _bits2 = bits2;
            _bits3 = bits3;
            _all = all;
            _loggerMessages = loggerMessages;
        }

        /// <summary>A filter that lets every member through.</summary>
        public static NameFilter All { get; } = new(0, 0, 0, 0, all: true, loggerMessages: false);

        /// <summary>
        /// False when no catalogue row the filter was built for can name <paramref name="member"/> as the code names it
        /// (a constructor by its type's name, an extension method in either form).
        /// </summary>
        public bool MayName(ISymbol member)
        {
            if (_all)
            {
                return true;
            }

            var name = member.Name;
            if (name.Length == 5 && name == WellKnownMemberNames.InstanceConstructorName)
            {
                return member.ContainingType is { } type && MayCreate(type);
            }

            return Contains(Hash(name, 0))
                || (_loggerMessages && member is IMethodSymbol method && ResolvedSinks.MayBeLoggerMessage(method));
        }

        /// <summary>
        /// False when no constructor row the filter was built for belongs to <paramref name="created"/>: the created type's
        /// name, read from the creation itself rather than through its constructor.
        /// </summary>
        public bool MayCreate(ITypeSymbol created) => _all || Contains(Hash(created.Name, ConstructorSalt));

        private bool Contains(uint hash) => Has(hash & 0xFF) && Has((hash >> 8) & 0xFF);

        private bool Has(uint bit)
        {
            var word = (bit >> 6) switch
            {
                0 => _bits0,
                1 => _bits1,
                2 => _bits2,
                _ => _bits3,
            };

            return (word & (1UL << (int)(bit & 63))) != 0;
        }

        // Length and three characters: the string's first cache line for nearly every member name.
        private static uint Hash(string name, uint salt)
        {
            var length = (uint)name.Length;
            var hash = (length * 0x9E3779B1u) ^ salt;
            if (length > 0)
            {
                hash ^= name[0] * 0x85EBCA77u;
                hash ^= name[(int)(length / 2)] * 0xC2B2AE3Du;
                hash ^= name[(int)(length - 1)] * 0x27D4EB2Fu;
            }

            return hash ^ (hash >> 15) ^ (hash >> 23);
        }

        /// <summary>Collects names, then <see cref="Build"/>s the filter.</summary>
        public sealed class Builder
        {
            private readonly ulong[] _bits = new ulong[4];

            public bool All { get; set; }

            public bool LoggerMessages { get; set; }

            public void AddMember(string name) => Add(Hash(name, 0));

            public void AddConstructorOf(string typeName) => Add(Hash(typeName, ConstructorSalt));

            public NameFilter Build() => new(_bits[0], _bits[1], _bits[2], _bits[3], All, LoggerMessages);

            private void Add(uint hash)
            {
                Set(hash & 0xFF);
                Set((hash >> 8) & 0xFF);
            }

            private void Set(uint bit) => _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }
}
