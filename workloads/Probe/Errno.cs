namespace Sbw.Probe;

public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EBADF = 9, EAGAIN = 11, EACCES = 13, EFAULT = 14, EINVAL = 22, EROFS = 30,
        ENOSYS = 38, EOPNOTSUPP = 95, ENODEV = 19, ECONNREFUSED = 111, ENETUNREACH = 101, ETIMEDOUT = 110;

    public static string Name(int e) => e switch
    {
        0 => "OK", EPERM => "EPERM", ENOENT => "ENOENT", EINTR => "EINTR", EBADF => "EBADF", EAGAIN => "EAGAIN", EACCES => "EACCES",
        EFAULT => "EFAULT", EINVAL => "EINVAL", EROFS => "EROFS", ENOSYS => "ENOSYS", EOPNOTSUPP => "EOPNOTSUPP", ENODEV => "ENODEV",
        ECONNREFUSED => "ECONNREFUSED", ENETUNREACH => "ENETUNREACH", ETIMEDOUT => "ETIMEDOUT", _ => $"errno {e}",
    };

    /// <summary>The catalogue's rule: EPERM/EACCES = denied by policy; ENOSYS/ENODEV/EOPNOTSUPP = not implemented
    /// (also not reachable, never "allowed"); anything else (success, EINVAL, EFAULT, EBADF…) = the kernel code ran.</summary>
    public enum Class { Reachable, Denied, NotImplemented }

    public static Class Classify(int e) => e switch
    {
        EPERM or EACCES or EROFS => Class.Denied,
        ENOSYS or ENODEV or EOPNOTSUPP => Class.NotImplemented,
        _ => Class.Reachable,
    };
}
