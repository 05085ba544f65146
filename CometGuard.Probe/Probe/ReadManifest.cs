using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CometGuard.Probe
{
    /// <summary>One response field an application reads, as CometGuard's build recorded it, and the code that reads it.</summary>
    public sealed record ManifestRead(string Family, string Path, IReadOnlyList<string> Readers);

    /// <summary>
    /// The contract manifest CometGuard's build writes into an assembly: the gateway response fields its code reads,
    /// per endpoint family. Use it instead of a hand-typed <see cref="SmokeProbeOptions.ApplicationReads"/> list.
    /// </summary>
    public sealed class ReadManifest
    {
        /// <summary>The assembly metadata key of each read (the generator's).</summary>
        public const string MetadataKey = "CometGuard.ResponseRead";

        private ReadManifest(IReadOnlyList<ManifestRead> reads)
        {
            Reads = reads;
        }

        /// <summary>Every read, in the order the build wrote them (family, then path).</summary>
        public IReadOnlyList<ManifestRead> Reads { get; }

        /// <summary>The manifest of a loaded assembly, e.g. <c>ReadManifest.From(typeof(ChatService).Assembly)</c>.</summary>
        public static ReadManifest From(Assembly assembly)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            return Parse(assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Select(a => (a.Key, a.Value)));
        }

        /// <summary>
        /// The manifest of a built assembly file, read from its metadata without loading it (the application's
        /// code never runs). A file that is not a PE image is a <see cref="BadImageFormatException"/>; one without .NET
        /// metadata, or with an entry that is not <c>family|path|readers</c>, an <see cref="InvalidDataException"/> naming it.
        /// </summary>
        public static ReadManifest FromFile(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw new InvalidDataException("'" + path + "' is not a .NET assembly (no metadata).");
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw new InvalidDataException("'" + path + "' is a module, not an assembly.");
            }

            var pairs = new List<(string, string?)>();
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (!IsAssemblyMetadata(reader, attribute))
                {
                    continue;
                }

                var value = attribute.DecodeValue(new StringOnlyTypes());
                if (value.FixedArguments.Length == 2 && value.FixedArguments[0].Value is string key)
                {
                    pairs.Add((key, value.FixedArguments[1].Value as string));
                }
            }

            return Parse(pairs);
        }

        /// <summary>The paths to check for <paramref name="family"/>: its own and those that read alike in both families.</summary>
        public IReadOnlyList<string> PathsFor(EndpointFamily family)
        {
            var token = family switch
            {
                EndpointFamily.ChatCompletions => "chat_completions",
                EndpointFamily.Responses => "responses",
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Choose ChatCompletions or Responses."),
            };
            return Reads.Where(r => r.Family == token || r.Family == "any").Select(r => r.Path).Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>Who reads <paramref name="path"/> (file: member), for the evidence of a missing field.</summary>
        public IReadOnlyList<string> ReadersOf(string path)
            => Reads.Where(r => r.Path == path).SelectMany(r => r.Readers).Distinct(StringComparer.Ordinal).ToList();

        private static ReadManifest Parse(IEnumerable<(string Key, string? Value)> metadata)
        {
            var reads = new List<ManifestRead>();
            foreach (var (key, value) in metadata)
            {
                if (key != MetadataKey || value is null)
                {
                    continue;
                }

                var parts = value.Split('|');
                if (parts.Length != 3 || !ResponsePath.TryParse(parts[1], out _))
                {
                    throw new InvalidDataException("A CometGuard manifest entry is not 'family|path|readers': '" + EvidenceScrubber.Scrub(value, null) + "'.");
                }

                reads.Add(new ManifestRead(parts[0], parts[1], parts[2].Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries)));
            }

            return new ReadManifest(reads);
        }

        private static bool IsAssemblyMetadata(MetadataReader reader, CustomAttribute attribute)
        {
            // The BCL's attribute is always referenced, never defined in the application.
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                return false;
            }

            var type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            return type.Kind == HandleKind.TypeReference
                && reader.GetTypeReference((TypeReferenceHandle)type) is var reference
                && reader.StringComparer.Equals(reference.Name, nameof(AssemblyMetadataAttribute))
                && reader.StringComparer.Equals(reference.Namespace, "System.Reflection");
        }

        /// <summary>AssemblyMetadataAttribute(string, string) needs only strings decoded.</summary>
        private sealed class StringOnlyTypes : ICustomAttributeTypeProvider<Type>
        {
            public Type GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? typeof(string) : typeof(object);

            public Type GetSystemType() => typeof(Type);

            public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

            public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(object);

            public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(object);

            public Type GetTypeFromSerializedName(string name) => typeof(object);

            public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

            public bool IsSystemType(Type type) => type == typeof(Type);
        }
    }
}
