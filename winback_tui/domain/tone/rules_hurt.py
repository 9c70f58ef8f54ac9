"""Rules for what attacks the person: blame, contempt, defensiveness, stonewalling."""

from __future__ import annotations

from winback_tui.domain.tone.language import (
    _CHOICE_AFTER,
    _FREE_BEFORE,
    _INSULTS,
    _NEGATION_BEFORE,
    _NEVER_KIND_AFTER,
    _TRAITS,
    _TRY_CRITICISM,
    _WARM_AFTER,
    _WHY_CRITICISM,
    Kind,
    Pattern,
    Rule,
    _rule,
    _symbols,
)

HURT: tuple[Rule, ...] = (
    # ------------------------------------------------------------ blame
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"(?:you|you'd|you're|you were|you've|you just|you literally)"
            rf" (?:always|constantly|forever|continually)(?!{_WARM_AFTER})",
            rf"(?:you|you'd|you're|you were|you've|you just"
            rf"|you literally) never(?!{_NEVER_KIND_AFTER})",
            r"you (?:keep|kept) (?:doing|making|saying|ignoring|lying|forgetting|choosing"
            r"|putting|pushing|breaking|letting|leaving|hurting|acting|treating|throwing)",
            r"not (?:even )?once",
            r"every single time",
        ],
        "“Always” and “never” turn one moment into a verdict on who they are.",
        "Name one specific moment and how it felt for you (“When…, I felt…”).",
        unless_before=r"\b(?:if|even\s+if|in\s+case)\s+$",
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"your fault",
            r"because of you",
            r"thanks to you,? i",
            r"(?:this|that|it)(?: whole \w+| all)?(?:'s| is| was)? (?:all )?on you",
            r"you're (?:the )?(?:reason|one to blame|cause)",
            r"(?:i )?blame you",
            r"you did this",
            r"you caused (?:this|all|it|everything)",
            r"shame on you",
        ],
        "Assigning fault puts them on trial, and people on trial defend themselves.",
        "Speak about what happened between you, and your own part in it.",
        unless_before=_NEGATION_BEFORE,
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"if (?:only )?you(?:'d|d)? (?:hadn't|had never|never|weren't|wasn't|didn't"
            r"|couldn't|wouldn't)(?! (?:want|wish|mind|get|see|receive|feel like|have time))",
            r"if (?:only )?you(?:'d|d| had| would have| would've| 'd have)(?: just| only| ever"
            r"| even| actually| really| once| at least)? (?:been|listened|tried|cared|told"
            r"|stayed|paid|let|given|done|made|shown|bothered|stopped|come|called|texted"
            r"|answered|put|spent|thought|asked|helped|loved|meant|fought|worked|treated"
            r"|respected|valued|noticed|opened|supported|believed|chosen|picked|said|gone)",
            r"if you (?:(?:really|actually|truly|even|ever|honestly|genuinely|still) )?"
            r"(?:cared|loved|respected|valued|gave a)",
            r"if you (?:really|actually|truly|genuinely) (?:care|love|want|wanted|meant|tried)",
            r"if you (?:weren't|were not|wasn't) (?:so|such|always|being|constantly|too|that)",
            r"if you were (?:less|more|not so|a better|any|half)",
            r"if only you",
        ],
        "A condition like this says the ending was their doing; it is blame in a softer shape.",
        "Speak for yourself: what you wish had been different, and your own part.",
        unless_before=_FREE_BEFORE,
        unless_after=_CHOICE_AFTER,
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"you made me"
            r"(?! (?:laugh|smile|happy|a better|better|stronger|braver|believe|feel (?:loved"
            r"|safe|seen|welcome|at home|special|understood|valued|like i (?:mattered|belonged))))",
            r"you made (?:this|it|everything|things|my life|us) (?:so |really |far )?(?:hard"
            r"|difficult|impossible|worse|awful|complicated|miserable|hell|unbearable)",
            r"you (?:ruined|destroyed|wrecked|broke|killed|poisoned|sabotaged|screwed up"
            r"|messed up|blew up|threw away) (?:everything|us|it|our|this|what|the|any)",
            r"you (?:hurt|betrayed|abandoned|used|lied to|cheated on|humiliated|deceived"
            r"|manipulated|gaslit|gaslighted|ghosted|dumped|left) me",
            r"you (?:threw|gave|walked|ran|tossed) (?:it all |it |us |everything |this |that "
            r"|all of it |all of this |what we had )?(?:away|up on|out on|out|away from)",
            r"you gave up",
            r"you chose [^.!?\n]{1,30}? over (?:me|us)",
            r"you (?:lied|cheated)",
            r"you have no (?:empathy|heart|respect|shame|decency|feelings|clue|soul|conscience"
            r"|idea how to|idea what (?:love|commitment|loyalty))",
            r"you(?: just)? can't (?:even |ever )?(?:admit|handle|commit|listen|be honest|take"
            r"|communicate|love|keep|stay|open up|deal|face|grow|change|do anything|be trusted"
            r"|be bothered|be there|show up|see past|think of anyone)",
            r"how could you",
            r"how dare you",
            r"what kind of (?:a )?(?:person|man|woman|partner|human|boyfriend|girlfriend|husband"
            r"|wife)",
            r"who does that",
            r"why (?:did|would|do|does|'d) you",
            r"why (?:can't|couldn't|won't|wouldn't|didn't|don't) you (?:ever|just|even)",
            r"you should(?:n't|\s+not)?(?:'?ve|\s+have)",
            r"you don't (?:even )?(?:care|listen|try|understand|respect|get it|love|bother"
            r"|think about|think of)",
            r"you didn't (?:even )?(?:care|listen|try|understand|respect|bother|fight|think"
            r"|call|ask|apologi[sz]e|notice|show up)",
            r"you only (?:care|cared|think|thought|ever think|ever thought) about (?:yourself|you)",
            r"you (?:only|just) (?:ever )?(?:call|text|write|message|reach out|come|talk to me"
            r"|show up|care|want me|remember me|get in touch)\w* (?:when|if|because)",
            r"(?:you're|you were|you was|you've been) (?:just |being |so |such |really "
            r"|too |always |honestly |literally |truly |seriously |completely |totally "
            r"|incredibly |the most |the least |a |an )?(?:so |such |a |an |too |really |very )?"
            rf"(?:{_TRAITS})",
            r"(?:you're|you are) (?:just )?like your (?:father|mother|dad|mum|mom|ex|brother"
            r"|sister)",
            r"you treat (?:everyone|me|people|us|everybody) like",
            r"you (?:only|just) ever (?:think|care|talk|cared|thought)",
            r"you took me for granted|you take me for granted",
            r"you (?:never|didn't|don't) (?:once |even )?(?:consider|considered|think about|thought"
            r" about|ask about|asked about|ask how|asked how) (?:me|my|how i|what i)",
            r"you're (?:so |such |really |just )?(?:a )?(?:selfish|cold|careless|terrible"
            r"|horrible|awful|cruel|heartless) (?:person|partner|man|woman|human)",
        ],
        _WHY_CRITICISM,
        _TRY_CRITICISM,
        unless_after=_CHOICE_AFTER,
    ),
    # ---------------------------------------------------------- contempt
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [
            rf"(?:you're|you were|you are|you) (?:so |such |just |really |honestly |literally "
            rf"|truly "
            rf"|seriously |basically |actually |genuinely |absolutely |completely |totally "
            rf"|utterly "
            rf"|fucking |an absolute |a complete |a total |such a )?(?:a |an |such a |so )?"
            rf"(?:{_INSULTS})",
            r"you (?:absolute|complete|total|utter|stupid|little|fucking) (?:idiot|loser|clown"
            r"|joke|moron|jerk|coward|hypocrite|child|baby|mess|fool)",
            r"what a (?:joke|loser|clown|hypocrite|surprise|shocker|coward|waste|fraud|child)",
            # A name-calling word standing alone as a sentence: "... forever. Liar."
            r"(?<![a-z]\s)(?:liar|loser|coward|hypocrite|clown|fraud|idiot|jerk|moron|psycho"
            r"|narcissist)(?:[.!?]+|\s*$)",
            r"grow up",
            r"get over yourself",
            r"get a life",
            r"(?:so |how )?typical(?: of you| you)?",
            r"classic you",
            r"what's wrong with you",
            r"who (?:do you think you are|even are you)",
            r"as if (?:you|i|anyone)",
            r"yeah,? right",
            r"sure,? jan",
            r"sure you (?:did|do|are|were|will|would|have|can)",
            r"of course you (?:did|do|were|are|would|will|have|had|didn't|don't|weren't|wouldn't"
            r"|won't)",
            r"oh,? (?:sure|please|right|come on|spare me)",
            r"spare me",
            r"give me a break",
            r"cool story",
            r"tell it to someone who cares",
            r"whatever you say",
            r"nice try",
            r"you wish",
            r"(?:real|very|so) (?:mature|classy|grown up|grown-up|smooth|original|brave)",
            r"real (?:cute|nice|funny|clever|great|smart|cool|charming)",
            r"(?<!a\s)(?<!an\s)nice one",
            r"(?<!a\s)(?<!an\s)good one",
            r"(?:you're|you really are|you are) (?:really |truly )?(?:something else"
            r"|a piece of work"
            r"|a real piece of work|a real charmer|a real catch)",
            r"(?:your|ur) (?:new |so-called |little )?[\"'][a-z][a-z ]{1,20}[\"']",
            r"just wow",
            r"must be nice",
            r"good for you,? i guess",
            r"good luck (?:with that|finding|getting|trying|explaining|ever|to him|to her"
            r"|to them|with him|with her|with them)",
            r"how (?:convenient|original|mature|typical|pathetic|predictable|rich)",
            r"congrat(?:s|ulations) on (?:being|ruining|breaking|finally|becoming|your new life)",
            r"as (?:fake|cold|empty|shallow|selfish|heartless|cruel|dumb|stupid|hollow|useless"
            r"|worthless|pathetic|boring|hopeless|miserable|toxic|cheap|two-faced|fickle) as you",
            r"some people (?:just )?(?:can't|never|don't|always|will never)",
            r"here we go(?: again)?",
            r"(?:lol|lmao|lmfao|rofl)[.,!]* (?:ok|okay|sure|right|yeah|whatever|good luck|nice"
            r"|as if|k|cool|wow|of course|classic|typical|imagine|you wish|you really|you think"
            r"|you actually|you're|you were)",
            r"(?:ok|okay|sure|yeah|right|k|wow|cute|whatever|cool|nice)[.,!]* (?:lol|lmao|lmfao)",
            r"eye ?roll|rolls? (?:my )?eyes",
            r"i (?:can't|cant) believe i (?:ever|wasted)",
            r"(?:hope you're|are you|so) (?:happy|proud of yourself) now",
            r"happy now\?",
            r"you (?:disgust|sicken|repulse) me",
            r"cry me a river",
            r"(?:sure|yeah|right),? because (?:you're|you are|you were)",
            r"because (?:you're|you are) (?:so|soo+|sooo+) (?:busy|important|perfect|special"
            r"|tired)",
            r"(?:ok|okay|thanks|sure|whatever),? genius",
            r"(?:boo ?hoo|poor you|poor baby|my heart bleeds)",
            r"(?:oh )?(?:wow,? )?you finally (?:figured|learned|learnt|worked|noticed|realised"
            r"|realized"
            r"|remembered|found|managed|grew|decided)",
            r"(?:hope you're|are you|you must be) (?:enjoying|loving) (?:your|the) (?:new|single"
            r"|free|perfect|little)",
            r"(?:nobody|no one) (?:believes|cares about|likes|wants|takes) you",
        ],
        "Mockery and scorn say “I am above you”; Gottman found contempt the most "
        "damaging of the four horsemen.",
        "Leave the sarcasm out; say plainly what you feel and what matters to you.",
    ),
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [
            r"(?:you|you're|you were|you are|you was) [\"'][a-z][a-z ]{1,24}[\"']",
        ],
        "Quoting their words back in scare quotes mocks them; it is contempt.",
        "Say plainly what you doubt or what hurt, without the quotation marks.",
    ),
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [r"(?:lol|lmao|lmfao|rofl)(?=[^\S\n]*(?:[.!?…]|\n|$))"],
        "A bare “lol” in answer to something serious reads as laughing at them.",
        "Leave it out; say plainly what you feel.",
        opens_sentence=True,
    ),
    _symbols(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        "\U0001f644|\U0001f612|\U0001f921|\U0001f595|\U0001f485",
        "An eye-roll (or a clown) says “I am above you” without a word; it reads as contempt.",
        "Leave it out; say plainly what you feel.",
    ),
    # ----------------------------------------------------- defensiveness
    _rule(
        Kind.DEFENSIVENESS,
        Pattern.DEFENSIVENESS,
        [
            r"(?:it's |it was |that's |that was |it wasn't |that wasn't |wasn't )?not my fault",
            r"wasn't my fault",
            r"i (?:didn't|never) do anything(?: wrong)?",
            r"i did nothing wrong",
            r"what about (?:you|what you|when you|how you|the time|that time|the times|all the"
            r" times|your)",
            r"(?:you're|you were) the one (?:who|that)",
            r"i (?:wasn't|'m not|am not|was not) the one (?:who|that)",
            r"(?:yes|yeah|ok|okay|sure),? but you",
            r"sorry,? but",
            r"sorry (?:if )?you (?:feel|felt) (?:that way|like that|this way|that)",
            r"sorry if you (?:were|got|felt) (?:offended|upset|hurt)",
            r"sorry (?:that )?you (?:took it|see it|think|were offended)",
            r"i only [^.!?\n]{1,40}? because (?:you|u)",
            r"i wouldn't have [^.!?\n]{1,40}? if (?:you|u)",
            r"i had (?:no|every) (?:choice|right)",
            r"you (?:gave|left) me no (?:choice|option)",
            r"you (?:pushed|drove|forced) me (?:to it|into it|to do it|to this|to that|away|too far"
            r"|over the edge|to the edge|to breaking point|crazy|mad|into (?:this|that|a corner))",
            r"you (?:pushed|drove|forced) me(?=[^\S\n]*(?:[.!?,…]|\n|$))",
            r"(?:don't|stop|you can't) blam(?:e|ing) (?:me|this on me|it on me)",
            r"don't (?:put|pin) (?:this|it|that|everything|all of this|the blame) (?:all )?on me",
            r"don't make this about me",
            r"it takes two",
            r"i'm not the (?:only )?(?:one (?:who|to blame)|bad guy|villain|problem)",
            r"you started it",
            r"at least i",
            r"look who's talking",
            r"that's rich(?: coming)? from you",
            r"says the (?:person|one|guy|girl|man|woman) who",
            r"you're one to talk",
            r"you did (?:the same|it too|worse|that too|the exact same)",
            r"(?:you're|you are|you were|you weren't|you aren't) (?:not )?(?:exactly )?"
            r"(?:perfect|innocent|a saint|an angel|blameless) (?:either|too|yourself)",
            r"you weren't (?:exactly )?(?:perfect|innocent|a saint|an angel)",
            r"(?:you're|you are|you were|you weren't|you aren't) (?:not )?exactly (?:perfect"
            r"|innocent"
            r"|a saint|an angel|blameless|faultless)",
            r"it's not like you were (?:perfect|innocent|a saint|an angel|blameless|any better)",
            r"don't (?:act|pretend) (?:like )?you(?:'re| are| were)?",
            r"so don't (?:lecture|judge|blame|tell) me",
            r"don't lecture me",
            r"i did what i had to",
            r"(?:maybe |try |go )?look(?:ing)? at yourself",
            r"don't (?:turn|flip|twist) (?:this|it|that)(?: around| back)? on me",
            r"like you're (?:any )?(?:better|perfect|innocent|a saint)",
            r"(?:you're|you are|you were) no (?:better|saint|angel)",
            r"that's not fair,? you",
            r"you did it too",
            r"as if you(?:'re| were| are)? (?:perfect|innocent|any better|a saint|blameless)",
            r"at least i'm not",
            r"point(?:ing)? (?:the )?fingers?",
            r"(?:i|you) never threw (?:it|that|them|this) in your face",
            r"what was i supposed to do",
            r"what (?:more|else) do you want(?: from me)?",
            r"i (?:said|already said|told you) (?:i'm |i was )?sorry,? (?:what|so|ok|okay|didn't i"
            r"|isn't that|that should)",
            r"i was (?:just|only) (?:being honest|joking|kidding|saying|trying to help)",
        ],
        "Defending yourself or pointing back at them shuts out what they are trying to say.",
        "Take responsibility for even a small part: “You're right that I…”.",
    ),
    # ------------------------------------------------------ stonewalling
    _rule(
        Kind.STONEWALLING,
        Pattern.STONEWALLING,
        [
            r"(?:ok |okay |oh )?fine(?:,? (?:whatever|then|be that way|have it your way|do what"
            r" you want))?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:(?:ok|okay|oh|yeah|sure|k|fine|well)[,.]? )?whatever(?=[^\S\n]*(?:[.!?,;…]|\n|$))",
            r"(?:ok|okay|k|fine)[.,!]* bye",
            r"not doing this(?: again| anymore| now)?",
            r"forget it",
            r"never ?mind|nvm",
            r"drop it",
            r"don't bother(?: (?:replying|answering|responding|texting|calling|writing))?",
            r"i'm (?:so )?done(?: with (?:this|you|us|it|all of this))?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:k|kk)(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:it )?(?:doesn't|does not) matter(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"leave it(?: alone| there| be)?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"forget i (?:said|asked|mentioned)(?: anything| it)?",
        ],
        "Shutting the conversation down leaves them alone with it; Gottman calls it stonewalling.",
        "If you feel flooded, say so and name when you can come back to it.",
        opens_sentence=True,
    ),
    _rule(
        Kind.STONEWALLING,
        Pattern.STONEWALLING,
        [
            r"i'm done (?:talking|with (?:this|you|us|it|the conversation|this conversation))",
            r"i don't (?:want|wanna) to (?:talk|hear|discuss) (?:about )?(?:it|this|that|you)",
            r"i'm not (?:going to |gonna )?(?:talk|discuss|argue|doing|having) (?:about )?"
            r"(?:this|it|that)",
            r"not discussing (?:this|it)",
            r"not (?:talking|arguing|going) (?:about|over) (?:this|it|that)(?: again| anymore)?",
            r"end of (?:discussion|story|conversation)",
            r"(?:this )?conversation(?: is)? over",
            r"(?:it )?(?:doesn't|does not) matter anymore",
            r"i don't care"
            r"(?! (?:what (?:people|anyone|others)|who knows|how long|if it takes|about the"
            r"|that you|whether))(?: anymore| about (?:this|it|you|us|any of it))?",
            r"i have nothing (?:more |else )?to say",
            r"talk to the hand",
        ],
        "Shutting the conversation down leaves them alone with it; Gottman calls it stonewalling.",
        "If you feel flooded, say so and name when you can come back to it.",
    ),
)
