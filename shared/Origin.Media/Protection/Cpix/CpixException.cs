namespace Origin.Media.Protection.Cpix;

/// <summary>A CPIX document that cannot be used; the message names what is wrong and never repeats a key.</summary>
public sealed class CpixException(string message) : Exception(message);
