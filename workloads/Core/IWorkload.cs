namespace Sbw.Core;

/// <summary>One in-sandbox program. Run prints its own ready line as early as it can and returns the exit code.</summary>
public interface IWorkload
{
    string Name { get; }
    string Help { get; }
    int Run(Args args);
}
