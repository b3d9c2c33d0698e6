namespace Harness.Oci;

/// <summary>The two seccomp policies: a Docker-like deny-list for the standard tier, an allowlist for the hardened tier.</summary>
public static class SeccompProfiles
{
    private const uint EPERM = 1;
    private static readonly IReadOnlyList<string> Arches = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];

    /// <summary>Syscalls Docker's default profile refuses to an unprivileged-by-default container (no CAP_SYS_ADMIN etc.).</summary>
    public static readonly IReadOnlyList<string> Dangerous =
    [
        "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "finit_module",
        "fsconfig", "fsmount", "fsopen", "fspick", "get_kernel_syms", "get_mempolicy", "init_module", "io_uring_enter",
        "io_uring_register", "io_uring_setup", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl",
        "lookup_dcookie", "mbind", "mount", "mount_setattr", "move_mount", "move_pages", "name_to_handle_at", "nfsservctl",
        "open_by_handle_at", "open_tree", "perf_event_open", "personality", "pivot_root", "process_vm_readv",
        "process_vm_writev", "ptrace", "query_module", "quotactl", "quotactl_fd", "reboot", "request_key", "set_mempolicy",
        "setns", "settimeofday", "stime", "swapoff", "swapon", "sysfs", "syslog", "umount", "umount2", "unshare", "uselib",
        "userfaultfd", "ustat", "vm86", "vm86old",
    ];

    /// <summary>What the Native AOT workloads (and the .NET runtime under them) need, and nothing else.</summary>
    public static readonly IReadOnlyList<string> WorkloadAllowlist =
    [
        "read", "write", "readv", "writev", "pread64", "pwrite64", "openat", "open", "close", "close_range", "lseek", "fstat",
        "newfstatat", "stat", "lstat", "statx", "statfs", "fstatfs", "access", "faccessat", "faccessat2", "readlink",
        "readlinkat", "getdents64", "getcwd", "chdir", "fchdir", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename",
        "renameat", "renameat2", "ftruncate", "fsync", "fdatasync", "fcntl", "flock", "dup", "dup2", "dup3", "pipe", "pipe2",
        "ioctl", "fchmod", "fchmodat", "umask", "utimensat", "symlink", "symlinkat", "link", "linkat",
        "fallocate", "fadvise64", "copy_file_range", "sendfile", "sync_file_range", "fgetxattr", "getxattr", "lgetxattr",
        "mmap", "munmap", "mprotect", "mremap", "madvise", "brk", "mlock", "munlock", "membarrier", "mincore",
        "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigtimedwait", "rt_sigsuspend", "sigaltstack", "kill", "tgkill", "tkill",
        "futex", "futex_waitv", "set_robust_list", "get_robust_list", "set_tid_address", "rseq", "sched_yield",
        "sched_getaffinity", "sched_setaffinity", "sched_getparam", "sched_getscheduler", "sched_get_priority_max",
        "sched_get_priority_min", "getpriority", "setpriority",
        "clone", "clone3", "execve", "exit", "exit_group", "wait4", "waitid",
        "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups",
        "getpgrp", "getpgid", "getsid", "uname", "sysinfo", "getrusage", "getrlimit", "prlimit64", "prctl", "arch_prctl",
        "capget", "getrandom", "memfd_create",
        "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "times", "pause",
        "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
        "epoll_pwait2", "eventfd", "eventfd2", "timerfd_create", "timerfd_settime", "timerfd_gettime", "signalfd4",
        "socket", "socketpair", "connect", "getsockname", "getpeername", "setsockopt", "getsockopt", "sendto", "recvfrom",
        "sendmsg", "recvmsg", "shutdown", "bind", "listen", "accept4",
    ];

    private const uint ENOSYS = 38;
    /// <summary>CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET: the namespace flags Docker's profile refuses in clone.</summary>
    private const ulong CloneNamespaceFlags = 0x7E020000;
    private const ulong CloneNewUser = 0x10000000;

    // clone3 passes its flags in memory, where seccomp cannot look: answer ENOSYS so libc falls back to clone (Docker does the same).
    private static readonly OciSyscallRule Clone3Enosys = new(["clone3"], "SCMP_ACT_ERRNO", ENOSYS);

    public static OciSeccomp DenyList() =>
        new("SCMP_ACT_ALLOW", Arches,
        [
            new OciSyscallRule(Dangerous, "SCMP_ACT_ERRNO", EPERM),
            new OciSyscallRule(["clone"], "SCMP_ACT_ERRNO", EPERM, [new OciSyscallArg(0, CloneNewUser, CloneNewUser, "SCMP_CMP_MASKED_EQ")]),
            Clone3Enosys,
        ]);

    public static OciSeccomp Allowlist() =>
        new("SCMP_ACT_ERRNO", Arches,
        [
            new OciSyscallRule(WorkloadAllowlist.Where(n => n is not ("clone" or "clone3")).ToList(), "SCMP_ACT_ALLOW"),
            new OciSyscallRule(["clone"], "SCMP_ACT_ALLOW", null, [new OciSyscallArg(0, CloneNamespaceFlags, 0, "SCMP_CMP_MASKED_EQ")]),
            Clone3Enosys,
        ], DefaultErrnoRet: EPERM);
}
