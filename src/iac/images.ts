/** @module images: the container image a generated stack starts with for each service. */
import type { ServicePlan } from './stack-plan.js';

/**
 * When the workload names no image, Linux services start from NGINX's unprivileged image: it runs as a
 * non-root user (uid 101), listens on 8080 (Berth's default port) and writes only to /tmp, so it passes
 * the read-only root filesystem, non-root and health-check settings of the generated stack until the
 * real image replaces it. It is multi-architecture (amd64 and arm64). https://gallery.ecr.aws/nginx/nginx-unprivileged
 */
export const PLACEHOLDER_LINUX_IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:alpine';

/** The image a service starts with; null when the user must supply one (Windows has no neutral placeholder). */
export function defaultImage(service: ServicePlan): string | null {
  if (service.image !== null) return service.image;
  return service.os === 'linux' ? PLACEHOLDER_LINUX_IMAGE : null;
}

/**
 * Kubernetes manifests have no input variables, so a Windows service without an image starts from
 * Microsoft's ASP.NET sample for Windows Server 2022 (it listens on port 80; replace it with the real image).
 */
export const PLACEHOLDER_WINDOWS_IMAGE =
  'mcr.microsoft.com/dotnet/framework/samples:aspnetapp-windowsservercore-ltsc2022';

/** The port the Windows placeholder serves on (IIS's default), whatever the workload's port. */
export const PLACEHOLDER_WINDOWS_PORT = 80;

/**
 * The port the container listens on in a manifest: the workload's, except that the Windows placeholder
 * listens on 80; the Service keeps the workload's port and targets the container's named port, so the
 * Ingress and callers are unchanged when the real image replaces the placeholder.
 */
export function manifestContainerPort(service: ServicePlan): number {
  return defaultImage(service) === null ? PLACEHOLDER_WINDOWS_PORT : service.port;
}

/** The image a manifest names: the workload's, or the placeholder of the service's OS. */
export function manifestImage(service: ServicePlan): string {
  return defaultImage(service) ?? PLACEHOLDER_WINDOWS_IMAGE;
}
