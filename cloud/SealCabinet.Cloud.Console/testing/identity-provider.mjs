// A real OpenID Connect provider (panva/oidc-provider) for the console's sign-in tests: it is never deployed.
// Usage: node identity-provider.mjs '<json settings>'  — prints {"issuer": "..."} once it listens and exits when its
// standard input closes (so it never outlives the test process that started it).
// Settings: { consoleClient: {id, secret, redirectUri}, toolClient: {id, secret, roles: [...]}, audience }
// The console client signs people in with the authorization code flow (PKCE required); any login name is accepted
// and becomes the ID token's sub. The tool client gets JWT access tokens for the service (client credentials) with
// the role claims given, as an administrator's tool would from a real provider.
import { createServer } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const settings = JSON.parse(process.argv[2]);
const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test-idp" };

const provider = new Provider(issuer, {
  jwks: { keys: [jwk] },
  clients: [
    {
      client_id: settings.consoleClient.id,
      client_secret: settings.consoleClient.secret,
      redirect_uris: [settings.consoleClient.redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
    {
      client_id: settings.toolClient.id,
      client_secret: settings.toolClient.secret,
      redirect_uris: [],
      response_types: [],
      grant_types: ["client_credentials"],
    },
  ],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => "urn:sealcabinet:api",
      getResourceServerInfo: () => ({ scope: "", audience: settings.audience, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } }),
    },
  },
  extraTokenClaims: (_ctx, token) =>
    token.clientId === settings.toolClient.id ? { sealcabinet_roles: settings.toolClient.roles } : undefined,
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: sub }) }),
});
provider.proxy = false;
server.on("request", provider.callback());
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.stdout.write(JSON.stringify({ issuer }) + "\n");
