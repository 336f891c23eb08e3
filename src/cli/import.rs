//! `danhgia import staff|ratings|marks|catalog|tasks FILE [--effective DATE]`
//! (all-or-nothing).

use super::ImportKind;
use super::common::{Ctx, Refusal};
use danhgia::i18n::Msg;
use danhgia::import::{self, FileKind, ImportError};
use danhgia::service::{ImportSummary, ServiceError};
use std::path::Path;

pub fn run(
    ctx: &Ctx,
    kind: ImportKind,
    file: &Path,
    effective: Option<&str>,
) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let read_err = |e: ImportError| Refusal(e.render(ctx.lang));
    let effective = match effective {
        None => None,
        Some(_) if !matches!(kind, ImportKind::Staff) => {
            return Err(Refusal(Msg::ImportEffectiveStaffOnly.text(ctx.lang).to_owned()).into());
        }
        Some(d) => Some(
            import::parse_date(d)
                .ok_or_else(|| Refusal(Msg::ImportBadEffective.text(ctx.lang).to_owned()))?,
        ),
    };
    let svc = ctx.open()?;
    // Rights first: a file is opened only for someone who may import it.
    svc.may_import().map_err(|e| ctx.refusal(&e))?;
    let result = match kind {
        ImportKind::Staff => match import::import_staff_file_on(&svc, file, effective) {
            Err(import::StaffImportError::File(e)) => return Err(read_err(e).into()),
            Err(import::StaffImportError::Service(e)) => Err(e),
            Ok(summary) => Ok(summary),
        },
        ImportKind::Ratings => {
            svc.import_ratings(&name, &import::read_ratings(file).map_err(read_err)?)
        }
        ImportKind::Marks => svc.import_marks(&name, &import::read_marks(file).map_err(read_err)?),
        ImportKind::Catalog => return super::kpi::import_catalog(ctx, file),
        ImportKind::Tasks => return super::kpi::import_tasks(ctx, file),
    };
    match result {
        Ok(ImportSummary {
            rows,
            inserted,
            updated,
        }) => {
            let t = |m: Msg| m.text(ctx.lang);
            println!(
                "{} {}: {rows} ({inserted} {}, {updated} {})",
                t(Msg::ImportDone),
                danhgia::text::printable(&name),
                t(Msg::ImportRowsNew),
                t(Msg::ImportRowsUpdated)
            );
            Ok(())
        }
        Err(ServiceError::ImportRefused(mut problems)) => {
            let kind = match kind {
                ImportKind::Staff => FileKind::Staff,
                ImportKind::Ratings => FileKind::Ratings,
                _ => FileKind::Marks,
            };
            import::name_columns(file, kind, &mut problems);
            Err(Refusal(import::render_problems(&name, &problems, ctx.lang)).into())
        }
        Err(e) => Err(ctx.refusal(&e).into()),
    }
}
