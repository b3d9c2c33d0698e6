// The workloads run inside Linux sandboxes (and as a Linux guest's init): Linux-only by nature.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
