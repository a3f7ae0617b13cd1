// Client-side rules that mirror the service's, so a phone on a slow line learns about a bad file before uploading it.

/** The service's limits (requests.proto, Material): 4 MiB per material, 8 MiB per request. */
export const maxMaterialBytes = 4 * 1024 * 1024;
export const maxRequestBytes = 8 * 1024 * 1024;

/** Why a file cannot be a material, or undefined when it can. */
export function materialProblem(type: string, size: number): "material.type" | "material.size" | undefined {
  if (!(type.startsWith("image/") || type === "application/pdf")) {
    return "material.type";
  }
  return size > maxMaterialBytes ? "material.size" : undefined;
}
