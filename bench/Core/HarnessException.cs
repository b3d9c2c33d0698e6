namespace Harness.Core;

/// <summary>A problem the user can fix: the CLI prints the message as one line and exits with 2.</summary>
public sealed class HarnessException(string message, Exception? inner = null) : Exception(message, inner);
