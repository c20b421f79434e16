//! Function words per language, written for this project: the words that
//! carry grammar rather than topic, so that two sentences are not called
//! similar for sharing "the" and "of". Lower case, one string per language.

use crate::analysis::text::FastSet;
use std::sync::LazyLock;

/// A language's stop words.
pub(super) type StopSet = FastSet<&'static str>;

/// Each list by the two-letter code of its language.
const LISTS: [(&str, &str); 8] =
    [("en", EN), ("de", DE), ("fr", FR), ("es", ES), ("it", IT), ("pt", PT), ("nl", NL), ("ru", RU)];

/// The stop words for a two-letter language code, with the code as a static
/// string, or `None` for a language without a list. The sets are built once:
/// building one costs as much as summarizing a short article.
pub(super) fn for_language(code: &str) -> Option<(&'static str, &'static StopSet)> {
    static SETS: LazyLock<Vec<StopSet>> =
        LazyLock::new(|| LISTS.iter().map(|(_, list)| list.split_whitespace().collect()).collect());
    let at = LISTS.iter().position(|&(c, _)| c == code)?;
    Some((LISTS[at].0, &SETS[at]))
}

const EN: &str = "a about above across after afterwards again against ago all almost alone along already also although \
always am among amongst an and another any anybody anyone anything anyway anywhere are aren't around as at back be \
became because become becomes been before beforehand behind being below beside besides between beyond both but by can \
cannot can't could couldn't did didn't do does doesn't doing done don't down during each either else elsewhere enough \
etc even ever every everyone everything everywhere except few for former formerly from further had hadn't has hasn't \
have haven't having he he'd he'll her here hereby herein hers herself he's him himself his how however i i'd if i'll \
i'm in indeed into is isn't it its it's itself i've just last later latter least less let's like likely made make \
many may me meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next \
no nobody none nor not nothing now nowhere of off often on once one ones only onto or other others otherwise our ours \
ourselves out over own per perhaps put rather said same say says see seem seemed seems several she she'd she'll she's \
should shouldn't since so some somehow someone something sometime sometimes somewhere still such than that that's the \
their theirs them themselves then thence there thereafter thereby therefore therein there's these they they'd they'll \
they're they've this those though through throughout thus to together too toward towards under until up upon us very \
via was wasn't we we'd well we'll were we're weren't we've what whatever what's when whenever where whereas whereby \
wherever whether which while who whoever whole whom whose who's why will with within without won't would wouldn't yet \
you you'd you'll your you're yours yourself yourselves you've told tell added noted stated according \
including mr mrs ms";

const DE: &str = "aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch \
auf aus bei beim bin bis bist da dabei dadurch dafür dagegen daher damit dann darauf darin darum das dass daß dein \
deine dem den denen denn der deren des deshalb dessen dich die dies diese diesem diesen dieser dieses dir doch dort du \
durch ein eine einem einen einer eines einige einigen einiger er es etwa etwas euch euer eure für gegen gewesen hab \
habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist \
jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner können \
könnte machen man manche mehr mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne schon \
sehr sein seine seinem seinen seiner seit sich sie sind so solche soll sollte sondern sowie über um und uns unser \
unsere unter viel vom von vor wann war waren warum was weil weiter welche welchem welchen welcher welches wenn wer \
werde werden wie wieder will wir wird wo wollen wollte worden wurde wurden zu zum zur zwar zwischen sagte sagt laut";

const FR: &str = "à ai aie aient ait alors as au aucun aucune aura auront aussi autre autres aux avaient avais avait \
avant avec avez avoir avons ayant c' ça ce ceci cela celle celles celui cependant certains ces cet cette ceux chaque \
chez comme comment d' dans de depuis des deux dont du elle elles en encore entre est et étaient était été être eu eux \
fait faire font fut il ils j' je jusqu' l' la là le les leur leurs lors lui m' ma mais me même mes moi moins mon n' ne \
ni non nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi qu' quand que quel quelle quelles quels \
qui s' sa sans se selon sera seront ses si sien son sont sous sur ta te tes toi ton tous tout toute toutes très tu un \
une vers vos votre vous y a déclaré dit selon";

const ES: &str = "a al algo algunas algunos ante antes aquel aquella aquellas aquellos aquí así aun aunque cada como \
con contra cual cuales cuando cuanto de del desde donde dos durante e el él ella ellas ellos en entre era eran es esa \
esas ese eso esos esta está estaba estaban están estar estas este esto estos fue fueron fui ha haber había habían han \
hasta hay la las le les lo los más me mi mientras mis mucho muchos muy nada ni no nos nosotros o os otra otras otro \
otros para pero poco por porque que qué quien quienes se sea ser será sido sin sino sobre su sus también tan tanto te \
tiene tienen todo todos tras tu tú tus un una uno unos usted ustedes y ya yo dijo según";

const IT: &str = "a ad agli ai al alla alle allo anche avere aveva avevano c' che chi ci coi col come con contro cui \
da dagli dai dal dall' dalla dalle dallo degli dei del dell' della delle dello di dopo dove e è ed era erano essere \
fa fare fino fra gli ha hanno ho i il in l' la le lei li lo loro lui ma mentre mi molto ne negli nei nel nell' nella \
nelle nello no noi non nostro o ogni per però perché più poi quale quali quando quanto quella quelle quelli quello \
questa queste questi questo se sempre senza si sia siamo sono sta stato su sua sue sugli sui sul sull' sulla sulle \
suo suoi tra tutti tutto un una uno vi voi già detto secondo";

const PT: &str = "a à ao aos aquela aquelas aquele aqueles as às até com como contra da das de dela dele deles depois \
do dos e é ela elas ele eles em entre era eram essa essas esse esses esta está estão estas este estes eu foi foram há \
isso isto já lhe lhes mais mas me mesmo meu minha muito na nas não nem no nos nós nossa nosso num numa o os ou para \
pela pelas pelo pelos por porque quando que quem se sem ser será seu seus sua suas também te tem têm ter teu tu um uma \
umas uns você vocês disse segundo sobre";

const NL: &str = "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens \
en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen \
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen \
tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo \
zonder zou volgens zei";

const RU: &str = "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до \
его ее её если есть еще ещё же за здесь и из или им их к как какой когда кто ли либо мне может мы на над надо наш не \
него нее неё нет ни них но ну о об однако он она они оно от очень по под после при с со так также такой там те тем то \
того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это этот я заявил сказал по словам";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_lower_case_and_covers_its_articles() {
        for (code, article) in [
            ("en", "the"),
            ("de", "der"),
            ("fr", "le"),
            ("es", "el"),
            ("it", "il"),
            ("pt", "o"),
            ("nl", "het"),
            ("ru", "и"),
        ] {
            let (_, set) = for_language(code).expect("a list");
            assert!(set.contains(article), "{code}");
            assert!(set.iter().all(|w| *w == w.to_lowercase()), "{code}");
        }
        assert!(for_language("xx").is_none());
    }
}
