/**
 * Trade memory: every resolved trade (agent and shadow) with its context and an embedding, in
 * PostgreSQL + pgvector or in the embedded H2 store, behind the same data access. The schema is made
 * by Flyway from db/migration/{postgresql,h2}; applied migrations are validated on every open and an
 * edited one is refused.
 */
package dev.shadowtrainer.memory;
