package nl.publicaties.blobstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void whenPut_thenFoundUnderItsSha256WithTheSameBytes() throws Exception {
        var store = new FileSystemBlobStore(root);
        byte[] bytes = "%PDF-1.7 monitor".getBytes(UTF_8);

        var stored = store.put(new ByteArrayInputStream(bytes), 1_000);

        assertTrue(FileSystemBlobStore.isSha256(stored.sha256()));
        assertEquals(bytes.length, stored.sizeBytes());
        assertArrayEquals(bytes, Files.readAllBytes(store.find(stored.sha256()).orElseThrow()));
    }

    @Test
    void whenTheSameBytesArePutTwice_thenOneBlobAndNoTemporaryFilesRemain() throws Exception {
        var store = new FileSystemBlobStore(root);
        var first = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        var second = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);

        assertEquals(first, second);
        try (var incoming = Files.list(root.resolve("incoming"))) {
            assertEquals(0, incoming.count());
        }
    }

    @Test
    void whenContentExceedsTheLimit_thenNothingIsStored() throws Exception {
        var store = new FileSystemBlobStore(root);

        assertThrows(BlobStore.TooLarge.class, () -> store.put(new ByteArrayInputStream(new byte[11]), 10));

        try (var incoming = Files.list(root.resolve("incoming"))) {
            assertEquals(0, incoming.count());
        }
    }

    @Test
    void givenANameThatIsNotAHash_whenFind_thenNothingIsResolved() throws Exception {
        var store = new FileSystemBlobStore(root);
        Files.writeString(root.resolve("secret.txt"), "no");

        assertTrue(store.find("../secret.txt").isEmpty());
        assertTrue(store.find("..%2Fsecret.txt").isEmpty());
        assertTrue(store.find("ABCDEF".repeat(10) + "abcd").isEmpty());
        assertTrue(store.find(null).isEmpty());
        assertTrue(store.find("0".repeat(64)).isEmpty());
    }
}
