using System;

namespace CometGuard.Annotations
{
    /// <summary>
    /// Marks a parameter or property of your own API as receiving a model id, so CometGuard's
    /// CG0001 treats it like the SDKs' model positions and flags hard-coded values passed to it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, Inherited = true)]
    public sealed class ModelIdAttribute : Attribute
    {
    }
}
