/**
 * The services, service-host processes, application pools and sites of a simulated IIS box. Pure data: the
 * state machine lives in scm.ts. Names, dependencies and which services share one process follow real Windows
 * Server 2016/2019/2022 (the layout of the golden files in test/golden/windows/ws2022-en): a reset's stop set is
 * always hosted next to services it must not touch, which is what a force path has to get right.
 */
import type { IisGenerationName } from "../port.js";

/** "core": the service whose stop takes IIS down (WAS on IIS 7+, IISADMIN on IIS 6); "web": W3SVC. */
export type IisRole = "core" | "web";

export interface ServiceSpec {
  readonly name: string;
  readonly displayName: string;
  /** lpDependencies: services that must be RUNNING before this one starts. */
  readonly dependsOn: readonly string[];
  /** Service-host group: services of one group share one process. Absent for kernel drivers (no process). */
  readonly host?: string;
  /** False for services that refuse SERVICE_CONTROL_STOP (RPCSS: the SCM answers access denied). */
  readonly stoppable: boolean;
  readonly runningByDefault: boolean;
  /** dwStartType (ServiceStartType): 2 automatic, 3 manual; `disabled` makes it 4. */
  readonly startType: number;
  /** Set on IIS services only: fault profiles apply to these and nothing else. */
  readonly iisRole?: IisRole;
}

export interface HostSpec {
  readonly group: string;
  readonly image: string;
  /** Loaded modules; IISRESET's force path looks for iisw3adm.dll here. */
  readonly modules: readonly string[];
  /** OpenProcess refuses it (e.g. the svchost hosting RPCSS): termination fails with access denied. */
  readonly protected: boolean;
}

export interface Catalog {
  readonly generation: IisGenerationName;
  readonly services: readonly ServiceSpec[];
  readonly hosts: readonly HostSpec[];
  /** WAS on IIS 7+, IISADMIN on IIS 6. */
  readonly core: string;
  /** W3SVC on both generations. */
  readonly web: string;
  /** The kernel HTTP driver service (HTTP.SYS). */
  readonly http: string;
  readonly workerImage: string;
  readonly workerModules: readonly string[];
}

export interface SiteSpec {
  readonly id: number;
  readonly name: string;
  readonly appPool: string;
  /** "protocol/bindingInformation" as IIS lists them. Default: one http binding on port 80 with the site's host name. */
  readonly bindings?: readonly string[];
  /** Stopped by its administrator at construction (Site.Stop before the simulation began). */
  readonly stopped?: boolean;
  /**
   * What the site serves: "app" (default) answers every path; "static" is IIS's start page (iisstart.htm) — 200 at "/"
   * and IIS's own 404.0 for any other path, as the Default Web Site of a fresh install does.
   */
  readonly content?: "app" | "static";
}

export const DEFAULT_APP_POOLS: readonly string[] = ["DefaultAppPool", "ShopAppPool", "ApiAppPool"];

export const DEFAULT_SITES: readonly SiteSpec[] = [
  { id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"], content: "static" },
  { id: 2, name: "Shop", appPool: "ShopAppPool", bindings: ["http/*:80:shop.example.com"] },
  { id: 3, name: "Api", appPool: "ApiAppPool", bindings: ["http/*:80:api.example.com"] },
];

const AUTO = 2;
const MANUAL = 3;

const svc = (
  name: string,
  displayName: string,
  host: string | undefined,
  dependsOn: readonly string[],
  more: Partial<Omit<ServiceSpec, "name" | "displayName" | "host" | "dependsOn">> = {},
): ServiceSpec => ({
  name,
  displayName,
  dependsOn,
  ...(host !== undefined ? { host } : {}),
  stoppable: true,
  runningByDefault: true,
  startType: AUTO,
  ...more,
});

const BASE_MODULES = ["ntdll.dll", "kernel32.dll", "kernelbase.dll", "sechost.dll", "rpcrt4.dll", "combase.dll"];
const svchost = (group: string, dlls: readonly string[], isProtected = false): HostSpec => ({
  group,
  image: "svchost.exe",
  modules: ["svchost.exe", ...BASE_MODULES, ...dlls],
  protected: isProtected,
});

// RPCSS cannot be stopped and its host cannot be opened: that is exactly what made IISRESET's "kill every
// process hosting IIS code" fallback fail with "Access Denied". Shared by both generations.
const RPCSS_SERVICES: readonly ServiceSpec[] = [
  svc("RpcEptMapper", "RPC Endpoint Mapper", "rpcss", [], { stoppable: false }),
  svc("RpcSs", "Remote Procedure Call (RPC)", "rpcss", ["RpcEptMapper"], { stoppable: false }),
];
const RPCSS_HOST: HostSpec = svchost("rpcss", ["rpcss.dll", "rpcepmap.dll"], true);

// HTTP.SYS is a kernel driver: it has a service entry but no process, so its pid is always 0.
const HTTP: ServiceSpec = svc("HTTP", "HTTP Service", undefined, [], { startType: MANUAL });

// Non-IIS dependents of HTTP: a correct "restart HTTP.SYS" must bring these back too. SSDP Discovery is manual
// (trigger-started) on a server; it runs here so an http reset has a dependent that lives in a process of its own.
const SSDPSRV = svc("SSDPSRV", "SSDP Discovery", "LocalServiceAndNoImpersonation", ["HTTP"], { startType: MANUAL });
const SSDP_HOST = svchost("LocalServiceAndNoImpersonation", ["ssdpsrv.dll"]);
const SPOOLER = svc("Spooler", "Print Spooler", "spooler", ["RPCSS", "http"]);
const SPOOLER_HOST: HostSpec = { group: "spooler", image: "spoolsv.exe", modules: ["spoolsv.exe", ...BASE_MODULES], protected: false };

/**
 * IIS 10 on Windows Server 2016/2019/2022 (golden ws2022-en). Server SKUs never split svchost groups (the split is
 * for client SKUs with more than 3.5 GB of RAM), so WinRM — which depends on HTTP — shares its svchost with
 * CryptSvc, Dnscache, LanmanWorkstation and NlaSvc; WAS and W3SVC share `svchost -k iissvcs`; SMSvcHost.exe holds
 * NetTcpPortSharing next to the Net.Tcp / Net.Pipe / Net.Msmq listener adapters that depend on WAS.
 */
const IIS10_SERVICES: readonly ServiceSpec[] = [
  ...RPCSS_SERVICES,
  svc("DcomLaunch", "DCOM Server Process Launcher", "DcomLaunch", [], { stoppable: false }),
  svc("SamSs", "Security Accounts Manager", "lsass", ["RPCSS"], { stoppable: false }),
  svc("KeyIso", "CNG Key Isolation", "lsass", []),
  svc("EventLog", "Windows Event Log", "LocalServiceNetworkRestricted", []),
  svc("Dhcp", "DHCP Client", "LocalServiceNetworkRestricted", ["NSI"]),
  svc("nsi", "Network Store Interface Service", "LocalService", ["rpcss"]),
  svc("W32Time", "Windows Time", "LocalService", []),
  svc("CryptSvc", "Cryptographic Services", "netsvcs", ["RpcSs"]),
  svc("Dnscache", "DNS Client", "netsvcs", ["nsi"], { stoppable: false }),
  svc("LanmanWorkstation", "Workstation", "netsvcs", ["NSI"]),
  svc("NlaSvc", "Network Location Awareness", "netsvcs", ["NSI", "RpcSs", "Dhcp", "Eventlog"]),
  svc("WinRM", "Windows Remote Management (WS-Management)", "netsvcs", ["RPCSS", "HTTP"]),
  svc("AppHostSvc", "Application Host Helper Service", "apphost", []),
  HTTP,
  svc("WAS", "Windows Process Activation Service", "iissvcs", ["RPCSS"], { iisRole: "core" }),
  svc("W3SVC", "World Wide Web Publishing Service", "iissvcs", ["WAS", "HTTP"], { iisRole: "web" }),
  svc("NetTcpPortSharing", "Net.Tcp Port Sharing Service", "smsvchost", []),
  svc("NetTcpActivator", "Net.Tcp Listener Adapter", "smsvchost", ["NetTcpPortSharing", "WAS"]),
  svc("NetPipeActivator", "Net.Pipe Listener Adapter", "smsvchost", ["WAS"]),
  // Manual and stopped, so tests can check that a reset leaves a stopped dependent stopped (and /START too).
  svc("NetMsmqActivator", "Net.Msmq Listener Adapter", "smsvchost", ["WAS"], { runningByDefault: false, startType: MANUAL }),
  SSDPSRV,
  SPOOLER,
];

const IIS10_HOSTS: readonly HostSpec[] = [
  RPCSS_HOST,
  svchost("DcomLaunch", ["umpnpmgr.dll"], true),
  { group: "lsass", image: "lsass.exe", modules: ["lsass.exe", ...BASE_MODULES, "lsasrv.dll", "samsrv.dll", "keyiso.dll"], protected: true },
  svchost("LocalServiceNetworkRestricted", ["wevtsvc.dll", "dhcpcore.dll"]),
  svchost("LocalService", ["nsisvc.dll", "w32time.dll"]),
  svchost("netsvcs", ["cryptsvc.dll", "dnsrslvr.dll", "wkssvc.dll", "nlasvc.dll", "wsmsvc.dll", "httpapi.dll"]),
  svchost("apphost", ["apphostsvc.dll"]),
  // WAS and W3SVC are both ServiceDlls in iisw3adm.dll, sharing one svchost.
  svchost("iissvcs", ["iisw3adm.dll", "w3ctrlps.dll", "httpapi.dll"]),
  { group: "smsvchost", image: "SMSvcHost.exe", modules: ["SMSvcHost.exe", ...BASE_MODULES, "mscoree.dll", "clr.dll"], protected: false },
  SSDP_HOST,
  SPOOLER_HOST,
];

/**
 * The "IIS 6 Metabase Compatibility" feature on IIS 10: IISADMIN (and, where installed, the IIS 6 SMTP server) in
 * inetinfo.exe. iisreset stops and starts IISADMIN beside WAS and W3SVC.
 */
const IIS6_COMPAT_SERVICES: readonly ServiceSpec[] = [
  svc("IISADMIN", "IIS Admin Service", "inetinfo", ["RPCSS", "SamSS"]),
  svc("SMTPSVC", "Simple Mail Transfer Protocol (SMTP)", "inetinfo", ["IISADMIN"]),
];
const IIS6_COMPAT_HOSTS: readonly HostSpec[] = [
  { group: "inetinfo", image: "inetinfo.exe", modules: ["inetinfo.exe", ...BASE_MODULES, "iisadmin.dll", "metadata.dll"], protected: false },
];

const IIS7PLUS: Catalog = {
  generation: "iis7plus",
  core: "WAS",
  web: "W3SVC",
  http: "HTTP",
  services: IIS10_SERVICES,
  hosts: IIS10_HOSTS,
  workerImage: "w3wp.exe",
  workerModules: ["w3wp.exe", "ntdll.dll", "w3wphost.dll", "iiscore.dll"],
};

const IIS7PLUS_WITH_IIS6_COMPAT: Catalog = {
  ...IIS7PLUS,
  services: [...IIS10_SERVICES, ...IIS6_COMPAT_SERVICES],
  hosts: [...IIS10_HOSTS, ...IIS6_COMPAT_HOSTS],
};

const IIS6: Catalog = {
  generation: "iis6",
  core: "IISADMIN",
  web: "W3SVC",
  http: "HTTP",
  services: [
    ...RPCSS_SERVICES,
    HTTP,
    {
      name: "IISADMIN",
      displayName: "IIS Admin Service",
      dependsOn: ["RPCSS"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: true,
      startType: 2,
      iisRole: "core",
    },
    // IIS 6 in worker process isolation mode: W3SVC (iisw3adm.dll) runs in its own svchost.exe; inetinfo.exe
    // keeps IISADMIN, FTP and SMTP ("Application Isolation Mode Functions (IIS 6.0)").
    {
      name: "W3SVC",
      displayName: "World Wide Web Publishing Service",
      dependsOn: ["IISADMIN", "HTTP"],
      host: "iis6-w3svc",
      stoppable: true,
      runningByDefault: true,
      startType: 2,
      iisRole: "web",
    },
    {
      name: "MSFTPSVC",
      displayName: "FTP Publishing Service",
      dependsOn: ["IISADMIN"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: true,
      startType: 2,
    },
    // Stopped by default: the IIS 6 counterpart of NetMsmqActivator for "stopped stays stopped".
    {
      name: "SMTPSVC",
      displayName: "Simple Mail Transfer Protocol (SMTP)",
      dependsOn: ["IISADMIN"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: false,
      startType: 3,
    },
    SSDPSRV,
    SPOOLER,
  ],
  hosts: [
    RPCSS_HOST,
    {
      group: "inetinfo",
      image: "inetinfo.exe",
      modules: ["inetinfo.exe", "ntdll.dll", "iisadmin.dll", "metadata.dll"],
      protected: false,
    },
    {
      group: "iis6-w3svc",
      image: "svchost.exe",
      modules: ["svchost.exe", "ntdll.dll", "iisw3adm.dll", "w3core.dll"],
      protected: false,
    },
    SSDP_HOST,
    SPOOLER_HOST,
  ],
  workerImage: "w3wp.exe",
  workerModules: ["w3wp.exe", "ntdll.dll", "w3wphost.dll", "w3core.dll"],
};

/** `iis6Compat` adds IISADMIN and SMTPSVC to IIS 7+ (ignored for IIS 6, where IISADMIN is the core anyway). */
export function catalogFor(generation: IisGenerationName, iis6Compat = false): Catalog {
  if (generation === "iis6") return IIS6;
  return iis6Compat ? IIS7PLUS_WITH_IIS6_COMPAT : IIS7PLUS;
}
