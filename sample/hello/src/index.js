// The "hello" component: answers every request under /hello with a greeting.
addEventListener('fetch', (event) => {
  event.respondWith(
    new Response('Hello from Spin on Kubernetes\n', {
      status: 200,
      headers: { 'content-type': 'text/plain' },
    }),
  );
});
