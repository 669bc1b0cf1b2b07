/**
 * The sandbox identity provider: a real OAuth2 authorization server (Spring Authorization Server) that issues RS256 JWT
 * access tokens for the local platform, by client credentials for registered clients and, standing in for a customer
 * login, by {@code POST /sandbox/customer-tokens}. The signing key is generated at start-up and never stored, so tokens
 * die with the process.
 */
package dev.orderflow.sandbox.identity;
