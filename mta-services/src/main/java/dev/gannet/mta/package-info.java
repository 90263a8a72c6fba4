/**
 * What an MTA asks Gannet live: the Postfix socketmap table service ({@code socketmap} role) and the Postfix SMTP
 * access policy service ({@code policy} role). docs/mta.md shows how Postfix is wired to them.
 */
package dev.gannet.mta;
