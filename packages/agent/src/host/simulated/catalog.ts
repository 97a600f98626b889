/**
 * The services, service-host processes, application pools and sites of a simulated IIS box. Pure data: the
 * state machine lives in scm.ts. Names and dependencies follow real Windows so the engine's stop/start order
 * (dependents first on stop, dependencies first on start) is exercised against a realistic graph.
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
}

export const DEFAULT_APP_POOLS: readonly string[] = ["DefaultAppPool", "ShopAppPool", "ApiAppPool"];

export const DEFAULT_SITES: readonly SiteSpec[] = [
  { id: 1, name: "Default Web Site", appPool: "DefaultAppPool" },
  { id: 2, name: "Shop", appPool: "ShopAppPool" },
  { id: 3, name: "Api", appPool: "ApiAppPool" },
];

// Shared by both generations. RPCSS cannot be stopped and its host cannot be opened: that is exactly what made
// IISRESET's "kill every process hosting IIS code" fallback fail with "Access Denied".
const RPCSS: ServiceSpec = {
  name: "RPCSS",
  displayName: "Remote Procedure Call (RPC)",
  dependsOn: [],
  host: "rpcss",
  stoppable: false,
  runningByDefault: true,
};
const RPCSS_HOST: HostSpec = {
  group: "rpcss",
  image: "svchost.exe",
  modules: ["svchost.exe", "ntdll.dll", "rpcss.dll"],
  protected: true,
};

// HTTP.SYS is a kernel driver: it has a service entry but no process, so its pid is always 0.
const HTTP: ServiceSpec = {
  name: "HTTP",
  displayName: "HTTP Service",
  dependsOn: [],
  stoppable: true,
  runningByDefault: true,
};

// Non-IIS dependents of HTTP: a correct "restart HTTP.SYS" must bring these back too.
const HTTP_DEPENDENTS: readonly ServiceSpec[] = [
  {
    name: "SSDPSRV",
    displayName: "SSDP Discovery",
    dependsOn: ["HTTP"],
    host: "localservice",
    stoppable: true,
    runningByDefault: true,
  },
  {
    name: "Spooler",
    displayName: "Print Spooler",
    dependsOn: ["RPCSS", "HTTP"],
    host: "spooler",
    stoppable: true,
    runningByDefault: true,
  },
];
const HTTP_DEPENDENT_HOSTS: readonly HostSpec[] = [
  {
    group: "localservice",
    image: "svchost.exe",
    modules: ["svchost.exe", "ntdll.dll", "ssdpsrv.dll"],
    protected: false,
  },
  { group: "spooler", image: "spoolsv.exe", modules: ["spoolsv.exe", "ntdll.dll"], protected: false },
];

const IIS7PLUS: Catalog = {
  generation: "iis7plus",
  core: "WAS",
  web: "W3SVC",
  http: "HTTP",
  services: [
    RPCSS,
    HTTP,
    {
      name: "WAS",
      displayName: "Windows Process Activation Service",
      dependsOn: ["RPCSS"],
      host: "iissvcs",
      stoppable: true,
      runningByDefault: true,
      iisRole: "core",
    },
    {
      name: "W3SVC",
      displayName: "World Wide Web Publishing Service",
      dependsOn: ["WAS", "HTTP"],
      host: "iissvcs",
      stoppable: true,
      runningByDefault: true,
      iisRole: "web",
    },
    {
      name: "NetTcpActivator",
      displayName: "Net.Tcp Listener Adapter",
      dependsOn: ["WAS"],
      host: "smsvchost",
      stoppable: true,
      runningByDefault: true,
    },
    {
      name: "NetPipeActivator",
      displayName: "Net.Pipe Listener Adapter",
      dependsOn: ["WAS"],
      host: "smsvchost",
      stoppable: true,
      runningByDefault: true,
    },
    // Stopped by default, so tests can check that a reset leaves a stopped dependent stopped.
    {
      name: "NetMsmqActivator",
      displayName: "Net.Msmq Listener Adapter",
      dependsOn: ["WAS"],
      host: "smsvchost",
      stoppable: true,
      runningByDefault: false,
    },
    ...HTTP_DEPENDENTS,
  ],
  hosts: [
    RPCSS_HOST,
    // On IIS 7+ both WAS and W3SVC are ServiceDlls in iisw3adm.dll, sharing one svchost.
    {
      group: "iissvcs",
      image: "svchost.exe",
      modules: ["svchost.exe", "ntdll.dll", "iisw3adm.dll", "w3ctrlps.dll"],
      protected: false,
    },
    {
      group: "smsvchost",
      image: "SMSvcHost.exe",
      modules: ["SMSvcHost.exe", "ntdll.dll", "mscoree.dll"],
      protected: false,
    },
    ...HTTP_DEPENDENT_HOSTS,
  ],
  workerImage: "w3wp.exe",
  workerModules: ["w3wp.exe", "ntdll.dll", "w3wphost.dll", "iiscore.dll"],
};

const IIS6: Catalog = {
  generation: "iis6",
  core: "IISADMIN",
  web: "W3SVC",
  http: "HTTP",
  services: [
    RPCSS,
    HTTP,
    {
      name: "IISADMIN",
      displayName: "IIS Admin Service",
      dependsOn: ["RPCSS"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: true,
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
      iisRole: "web",
    },
    {
      name: "MSFTPSVC",
      displayName: "FTP Publishing Service",
      dependsOn: ["IISADMIN"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: true,
    },
    // Stopped by default: the IIS 6 counterpart of NetMsmqActivator for "stopped stays stopped".
    {
      name: "SMTPSVC",
      displayName: "Simple Mail Transfer Protocol (SMTP)",
      dependsOn: ["IISADMIN"],
      host: "inetinfo",
      stoppable: true,
      runningByDefault: false,
    },
    ...HTTP_DEPENDENTS,
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
    ...HTTP_DEPENDENT_HOSTS,
  ],
  workerImage: "w3wp.exe",
  workerModules: ["w3wp.exe", "ntdll.dll", "w3wphost.dll", "w3core.dll"],
};

export function catalogFor(generation: IisGenerationName): Catalog {
  return generation === "iis6" ? IIS6 : IIS7PLUS;
}
