package dev.gannet.core.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the certificate a fresh install serves until the operator configures a real one: EC P-256
 * (small, fast, accepted by every current client), valid for ten years so that it never expires under
 * a forgotten test box, naming {@code hostname} plus the loopback addresses so that local clients can
 * verify it once they trust it.
 */
final class SelfSignedCertificate {

    static final Duration VALIDITY = Duration.ofDays(3650);

    /** A generated key and its certificate. */
    record Generated(KeyPair keyPair, X509Certificate certificate) {
    }

    private SelfSignedCertificate() {
    }

    static Generated generate(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            return new Generated(keyPair, sign(keyPair, hostname, "SHA256withECDSA"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /** A self-signed server certificate for {@code keyPair}; also used by tests with RSA keys. */
    static X509Certificate sign(KeyPair keyPair, String hostname, String signatureAlgorithm) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
                    subject, keyPair.getPublic());
            boolean rsa = "RSA".equals(keyPair.getPublic().getAlgorithm());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostname))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(
                            rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a self-signed certificate for " + hostname, e);
        }
    }

    private static GeneralNames subjectAltNames(String hostname) {
        List<GeneralName> names = new ArrayList<>();
        names.add(IPAddress.isValid(hostname)
                ? new GeneralName(GeneralName.iPAddress, hostname)
                : new GeneralName(GeneralName.dNSName, hostname));
        if (!hostname.equalsIgnoreCase("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        }
        for (String loopback : List.of("127.0.0.1", "::1")) {
            if (!loopback.equals(hostname)) {
                names.add(new GeneralName(GeneralName.iPAddress, loopback));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
