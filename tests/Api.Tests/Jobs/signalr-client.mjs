// Follows one job on the SignalR hub with the JavaScript client, as a dashboard would, and prints
// every event it receives as one JSON line; exits after the terminal event.
// Usage: node signalr-client.mjs <api base url> <bearer token> <job id> [subscribe|owner]
import { createRequire } from "node:module";
const require = createRequire(process.env.FRAMECAST_ROOT + "/package.json");
const signalR = require("@microsoft/signalr");

const [baseUrl, token, jobId, mode = "subscribe"] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/jobs`, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.Error)
  .build();

const done = new Promise((resolve) => {
  connection.on("jobEvent", (event) => {
    if (event.job_id !== jobId) return;
    console.log(JSON.stringify(event));
    if (["completed", "failed", "canceled"].includes(event.event_type)) resolve();
  });
});

const timer = setTimeout(() => { console.error("timed out"); process.exit(2); }, 60000);
await connection.start();
if (mode === "subscribe") await connection.invoke("SubscribeJob", jobId);
console.log(JSON.stringify({ ready: true }));
await done;
clearTimeout(timer);
await connection.stop();
