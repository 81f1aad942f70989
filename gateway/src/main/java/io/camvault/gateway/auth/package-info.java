/** Authentication and role checks for every request, with each refusal audited. */
package io.camvault.gateway.auth;
