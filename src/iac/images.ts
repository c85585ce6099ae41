/** @module images: the container image a generated stack starts with for each service. */
import type { ServicePlan, StackPlan } from './stack-plan.js';

/**
 * When the workload names no image, Linux services start from NGINX's unprivileged image: it runs as a
 * non-root user (uid 101), listens on 8080 (Berth's default port) and writes only to /tmp, so it passes
 * the read-only root filesystem, non-root and health-check settings of the generated stack until the
 * real image replaces it. It is multi-architecture (amd64 and arm64). https://gallery.ecr.aws/nginx/nginx-unprivileged
 */
export const PLACEHOLDER_LINUX_IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:alpine';

/** The port the Linux placeholder listens on. */
export const PLACEHOLDER_LINUX_PORT = 8080;

/**
 * The image an ECS service starts with; null when the user must supply one: Windows has no neutral
 * placeholder, and a service behind a load balancer on another port than 8080 would fail its health
 * checks with the placeholder (the task definition maps the service's own port, where nothing listens).
 */
export function defaultImage(service: ServicePlan): string | null {
  if (service.image !== null) return service.image;
  if (service.os !== 'linux') return null;
  return service.exposure === 'none' || service.port === PLACEHOLDER_LINUX_PORT
    ? PLACEHOLDER_LINUX_IMAGE
    : null;
}

/** The ECS services with no default image, and why, in one phrase (for the images variable). */
export function missingImages(plan: StackPlan): string {
  const missing = plan.services.filter((s) => defaultImage(s) === null);
  const windows = missing.filter((s) => s.os !== 'linux').map((s) => s.name);
  const ports = missing.filter((s) => s.os === 'linux').map((s) => `${s.name} (port ${s.port})`);
  return [
    ...(windows.length > 0 ? [`${windows.join(', ')} (Windows has no neutral placeholder)`] : []),
    ...(ports.length > 0
      ? [`${ports.join(', ')} (the placeholder listens on ${PLACEHOLDER_LINUX_PORT} only)`]
      : []),
  ].join('; ');
}

/** Why an ECS service has no default image (defaultImage gave null), for the image input's description. */
export function missingImageReason(service: ServicePlan): string {
  return service.os === 'linux'
    ? `the workload names none, and the placeholder listens on ${PLACEHOLDER_LINUX_PORT}, not on ${service.port}`
    : 'the workload names none, and Windows has no neutral placeholder';
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
 * The port the container listens on in a manifest: the workload's, except that a placeholder listens on
 * its own (8080 on Linux, 80 on Windows); the Service keeps the workload's port and targets the
 * container's named port, so the Ingress and callers are unchanged when the real image replaces it.
 */
export function manifestContainerPort(service: ServicePlan): number {
  if (service.image !== null) return service.port;
  return service.os === 'linux' ? PLACEHOLDER_LINUX_PORT : PLACEHOLDER_WINDOWS_PORT;
}

/** The image a manifest names: the workload's, or the placeholder of the service's OS. */
export function manifestImage(service: ServicePlan): string {
  return service.image ?? (service.os === 'linux' ? PLACEHOLDER_LINUX_IMAGE : PLACEHOLDER_WINDOWS_IMAGE);
}
