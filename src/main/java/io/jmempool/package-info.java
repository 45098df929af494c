/**
 * Types shared by the ring and the mempool: the exceptions that name what went wrong.
 */
package io.jmempool;
