using System;

namespace CometGuard.Annotations
{
    /// <summary>
    /// Marks a parameter or property of your own API as receiving a gateway credential, so
    /// CometGuard's CG0002 flags literal keys passed to it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, Inherited = true)]
    public sealed class ApiKeyAttribute : Attribute
    {
    }
}
