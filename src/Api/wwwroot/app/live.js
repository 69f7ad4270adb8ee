// The SignalR connection to /hubs/jobs: every job event of every owner the user can read arrives as `jobEvent`.

/**
 * Connects with the bearer token as the `access_token` query parameter (browsers' WebSockets send no headers) and
 * reconnects on its own. `onEvent` gets each {id, job_id, sequence, event_type, payload, created_at};
 * `onState` gets 'connecting', 'live', 'reconnecting' or 'offline'.
 */
export function connect(token, onEvent, onState) {
  const signalR = window.signalR;
  if (!signalR) {
    onState('offline');
    return { stop: async () => {} };
  }
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/jobs', { accessTokenFactory: () => token })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('jobEvent', onEvent);
  connection.onreconnecting(() => onState('reconnecting'));
  // The hub joins the owner groups again on every new connection, so a reconnect misses nothing it should hear later.
  connection.onreconnected(() => onState('live'));
  connection.onclose(() => onState('offline'));
  let stopped = false;
  const start = async () => {
    onState('connecting');
    try {
      await connection.start();
      onState('live');
    } catch {
      // The first connection is not covered by the automatic reconnect: try again a little later.
      onState('offline');
      if (!stopped) setTimeout(start, 3000);
    }
  };
  start();
  return {
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
  };
}
