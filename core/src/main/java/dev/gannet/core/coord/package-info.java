/**
 * How Gannet nodes coordinate: the change bell, locks with leases, rate limits and a shared cache,
 * each a narrow interface with an in-JVM and a Redis implementation chosen once by
 * {@link dev.gannet.core.coord.Coordination#create(String)}. Invalid arguments (null, empty names, a
 * ttl under 1 ms) throw at the call; backend failures arrive as errors of the returned Mono or Flux.
 * Results may be signalled on a backend I/O thread (Lettuce's event loop): never block in a callback.
 */
package dev.gannet.core.coord;
