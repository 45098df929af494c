/**
 * Internal: the one class through which every shared off-heap access goes ({@link io.jmempool.internal.Mem}),
 * argument checks, and hooks for the project's tests. Not exported by the module.
 */
package io.jmempool.internal;
