package nl.publicaties.catalog.page.query;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DocumentRows extends JpaRepository<DocumentRow, String> {

    List<DocumentRow> findByEditionIdInAndWithdrawnFalse(Collection<String> editionIds);

    List<DocumentRow> findByEditionId(String editionId);
}
