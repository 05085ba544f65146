using System;
using System.IO;
using System.Linq;
using System.Reflection;
using CometGuard.Probe;
using CometGuard.Tests.Verifiers;

namespace CometGuard.Tests.Probe
{
    /// <summary>
    /// The probe's public API is what the CLI and users build on: any change to it must be a
    /// deliberate edit of <c>TestData/PublicApi.txt</c>.
    /// </summary>
    public sealed class PublicApiTests
    {
        [Fact]
        public void Public_api_matches_the_committed_surface()
        {
            var expectedPath = RepositoryPaths.Combine("CometGuard.Tests", "Probe", "TestData", "PublicApi.txt");
            var actual = string.Join("\n", Surface()) + "\n";
            var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).Replace("\r\n", "\n") : string.Empty;
            if (actual != expected)
            {
                File.WriteAllText(expectedPath + ".received", actual);
            }

            Assert.Equal(expected, actual);
        }

        private static string[] Surface()
            => typeof(SmokeProbe).Assembly.GetExportedTypes()
                .Where(t => t.Namespace == "CometGuard.Probe")
                .SelectMany(t => new[] { Kind(t) + " " + t.FullName }.Concat(
                    t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                        .Where(m => m is not MethodInfo { IsSpecialName: true })
                        .Where(m => !(t.IsEnum && m.Name == "value__"))
                        .Where(m => !IsRecordPlumbing(t, m))
                        .Select(m => t.FullName + "::" + Describe(m))))
                .OrderBy(x => x, StringComparer.Ordinal)
                .ToArray();

        private static bool IsRecordPlumbing(Type type, MemberInfo member)
            => type.GetMethod("<Clone>$") is not null
               && (member.Name is "<Clone>$" or "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "Deconstruct" or "EqualityContract"
                   || (member is ConstructorInfo c && c.GetParameters().Length == 1 && c.GetParameters()[0].ParameterType == type));

        private static string Kind(Type type)
            => type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

        private static string Describe(MemberInfo member) => member switch
        {
            ConstructorInfo c => ".ctor(" + Parameters(c) + ")",
            MethodInfo m => (m.IsStatic ? "static " : string.Empty) + Name(m.ReturnType) + " " + m.Name + "(" + Parameters(m) + ")",
            PropertyInfo p => Name(p.PropertyType) + " " + p.Name + " {" + (p.GetMethod?.IsPublic == true ? " get;" : string.Empty) + (p.SetMethod?.IsPublic == true ? (IsInit(p.SetMethod) ? " init;" : " set;") : string.Empty) + " }",
            FieldInfo f => (f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty) + Name(f.FieldType) + " " + f.Name,
            EventInfo e => "event " + e.Name,
            Type nested => "nested " + nested.Name,
            _ => member.ToString() ?? member.Name,
        };

        private static bool IsInit(MethodInfo setter)
            => setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

        private static string Parameters(MethodBase method)
            => string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)));

        private static string Name(Type type)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return Name(underlying) + "?";
            }

            if (!type.IsGenericType)
            {
                return type.Name;
            }

            var name = type.Name.Substring(0, type.Name.IndexOf('`'));
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }
    }
}
