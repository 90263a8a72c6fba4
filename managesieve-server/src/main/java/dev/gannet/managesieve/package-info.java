/** ManageSieve (RFC 5804): the codec, session and commands of the {@code managesieve} role. */
package dev.gannet.managesieve;
