// The harness drives Linux runtimes (runc, runsc, QEMU/KVM) and reads /proc: it is Linux-only by nature.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
