package dev.gannet.api;

/**
 * An error the API itself decides (bad parameter, missing token, forbidden): status, stable code and a
 * message written for the client. Errors from {@code core} stay {@code GannetException} and are mapped in
 * {@link ApiErrors}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "InputValidationError", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "AuthFailed", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "TooBig", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
