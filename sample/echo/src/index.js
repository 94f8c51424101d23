// The "echo" component: answers with the method and path it received.
addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  event.respondWith(
    new Response(JSON.stringify({ method: event.request.method, path: url.pathname }) + '\n', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
  );
});
