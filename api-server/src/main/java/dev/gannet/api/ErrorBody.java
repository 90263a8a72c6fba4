package dev.gannet.api;

/** The body of every error answer: a message for people and a stable code for programs. */
public record ErrorBody(String error, String code) {
}
