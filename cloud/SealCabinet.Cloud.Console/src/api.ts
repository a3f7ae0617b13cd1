// The console's only way to the cloud: clients generated from the repo's .proto files, over gRPC-Web on the
// console's own origin. Every call carries the header that proves a same-origin caller (docs/cloud.md, sessions).
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { Audit } from "./gen/sealcabinet/v1/audit_pb";
import { Devices } from "./gen/sealcabinet/v1/devices_pb";
import { Notifications } from "./gen/sealcabinet/v1/notifications_pb";
import { Organization } from "./gen/sealcabinet/v1/organization_pb";
import { Requests } from "./gen/sealcabinet/v1/requests_pb";
import { Sessions } from "./gen/sealcabinet/v1/sessions_pb";
import type { Key } from "./i18n/strings";

const sameOrigin: Interceptor = (next) => (request) => {
  request.header.set("x-sealcabinet-csrf", "1");
  return next(request);
};

const transport = createGrpcWebTransport({ baseUrl: location.origin, useBinaryFormat: true, interceptors: [sameOrigin] });

export const sessions = createClient(Sessions, transport);
export const organization = createClient(Organization, transport);
export const requests = createClient(Requests, transport);
export const audit = createClient(Audit, transport);
export const devices = createClient(Devices, transport);
export const notifications = createClient(Notifications, transport);

/** What to tell the person about a failed call: a sentence of ours, and the server's own words where they help. */
export interface Problem {
  key: Key;
  detail: string;
  code: Code | undefined;
}

/** A failure that already says what to tell the person (e.g. a passkey prompt that gave no signature). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) {
    return error.problem;
  }
  if (!(error instanceof ConnectError)) {
    // Not a call: the browser's passkey prompt was cancelled or refused (WebAuthn's NotAllowedError and kin).
    return { key: "error.passkey", detail: error instanceof Error ? error.message : String(error), code: undefined };
  }
  const e = error;
  switch (e.code) {
    case Code.Unauthenticated:
      return { key: "error.signedOut", detail: e.rawMessage, code: e.code };
    case Code.PermissionDenied:
      return { key: "error.denied", detail: e.rawMessage, code: e.code };
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
    case Code.NotFound:
    case Code.AlreadyExists:
      return { key: "error.refused", detail: e.rawMessage, code: e.code };
    case Code.Canceled:
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.Unknown:
      return { key: "error.connection", detail: "", code: e.code };
    default:
      return { key: "error.unexpected", detail: e.rawMessage, code: e.code };
  }
}

let matterNames: Promise<Map<string, string>> | undefined;

/** The catalogue's names by matter code, fetched once per page load (a failure is retried on the next call). */
export function matterNamesByCode(): Promise<Map<string, string>> {
  matterNames ??= organization.listMatters({ page: { pageSize: 500 } }).then(
    (r) => new Map(r.matters.map((m) => [m.code, m.name])),
    (error: unknown) => {
      matterNames = undefined;
      throw error;
    },
  );
  return matterNames;
}
